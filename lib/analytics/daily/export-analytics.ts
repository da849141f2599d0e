import "server-only";
import Papa from "papaparse";
import { db } from "@/lib/db/client";
import { dayKey } from "@/lib/time/local-dates";
import { notFound } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { fromMinor } from "@/lib/leads/conversions/money";
import { NO_BRAND, NO_NETWORK } from "./compute-daily-analytics";
import type { AnalyticsQuery } from "./schemas";

export const ANALYTICS_EXPORT_COLUMNS = [
  "date",
  "brand",
  "network",
  "postsPublished",
  "impressions",
  "reach",
  "engagements",
  "clicks",
  "adSpend",
  "adRevenue",
  "adClicks",
  "adConversions",
  "leadsNew",
  "leadsHot",
  "leadsWarm",
  "leadsCold",
  "bookings",
  "conversions",
  "conversionValue",
  "currency",
] as const;

/**
 * The range's MKT-402 rows (one per day, brand and network, filters of the page) as CSV: headers and
 * network names in the reader's language, ";" and a BOM for French, "," for English; papaparse writes
 * the rows and neutralises cells starting with = + - @ (a brand's name is typed by a person). At most
 * 366 days x brands x networks rows: built in one piece.
 */
export async function exportAnalyticsCsv(opts: { organizationId: string; query: AnalyticsQuery; locale: Locale }): Promise<string> {
  const { from, to, brand, network } = opts.query;
  const org = await db().organization.findUnique({
    where: { id: opts.organizationId },
    select: { currency: true, brands: { select: { id: true, name: true } } },
  });
  if (!org) throw notFound("organization");
  if (brand && !org.brands.some((b) => b.id === brand)) throw notFound("brand", { field: "brand" });
  const rows = await db().dailyAnalyticsSlice.findMany({
    where: {
      organizationId: opts.organizationId,
      day: { gte: dayKey(from), lte: dayKey(to) },
      ...(brand ? { brandKey: brand } : {}),
      ...(network ? { network } : {}),
    },
    orderBy: [{ day: "asc" }, { brandKey: "asc" }, { network: "asc" }],
  });
  const messages = loadMessages(opts.locale) as {
    analytics: { export: { columns: Record<string, string>; noBrand: string; noNetwork: string } };
    domain: { platforms: Record<string, string> };
  };
  const words = messages.analytics.export;
  const names = new Map(org.brands.map((b) => [b.id, b.name]));
  const delimiter = opts.locale === "fr" ? ";" : ",";
  const money = (minor: number) => (opts.locale === "fr" ? String(fromMinor(minor, org.currency)).replace(".", ",") : fromMinor(minor, org.currency));
  const data = rows.map((r) => [
    r.day.toISOString().slice(0, 10),
    r.brandKey === NO_BRAND ? words.noBrand : (names.get(r.brandKey) ?? r.brandKey),
    r.network === NO_NETWORK ? words.noNetwork : (messages.domain.platforms[r.network] ?? r.network),
    r.postsPublished,
    r.impressions,
    r.reach,
    r.engagements,
    r.clicks,
    money(r.adSpendMinor),
    money(r.adRevenueMinor),
    r.adClicks,
    r.adConversions,
    r.leadsNew,
    r.leadsHot,
    r.leadsWarm,
    r.leadsCold,
    r.bookings,
    r.conversions,
    money(r.conversionValueMinor),
    org.currency,
  ]);
  const header = ANALYTICS_EXPORT_COLUMNS.map((c) => words.columns[c] ?? c);
  return (opts.locale === "fr" ? "\uFEFF" : "") + Papa.unparse([header, ...data], { delimiter, newline: "\r\n", escapeFormulae: true }) + "\r\n";
}
