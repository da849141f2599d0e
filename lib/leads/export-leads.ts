import "server-only";
import Papa from "papaparse";
import { db, type Prisma } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { fromMinor } from "./conversions/money";
import { whereOf } from "./list-leads";
import type { LeadFilters } from "./schemas";

export const EXPORT_COLUMNS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "company",
  "jobTitle",
  "status",
  "tier",
  "score",
  "source",
  "sourceDetail",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmContent",
  "createdAt",
  "convertedAt",
  "conversionValue",
  "currency",
  "id",
] as const;
const PAGE = 500;

const SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phoneE164: true,
  company: true,
  jobTitle: true,
  status: true,
  tier: true,
  score: true,
  sourceType: true,
  sourceDetail: true,
  utmSource: true,
  utmMedium: true,
  utmCampaign: true,
  utmContent: true,
  createdAt: true,
  convertedAt: true,
  conversionValueMinor: true,
  currency: true,
} satisfies Prisma.LeadSelect;

/**
 * The leads matching the Leads page's filters as CSV, streamed 500 rows at a time (keyset on
 * createdAt, id: a long list never sits in memory and a lead added meanwhile neither repeats nor
 * shifts a page). Headers and stage / temperature / source names in the reader's language; ";" and a
 * BOM for French (what a French spreadsheet opens as columns), "," for English. Papaparse writes
 * the rows and neutralises cells starting with = + - @ (a lead's name is outsider text).
 */
export function exportLeadsCsv(opts: { organizationId: string; filters: Partial<LeadFilters>; locale: Locale }): ReadableStream<Uint8Array> {
  const messages = loadMessages(opts.locale) as { leads: { export: { columns: Record<string, string> } }; domain: Record<string, Record<string, string>> };
  const col = messages.leads.export.columns;
  const dom = messages.domain;
  const delimiter = opts.locale === "fr" ? ";" : ",";
  const where = whereOf(opts.organizationId, { ...opts.filters, page: undefined });
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(
            (opts.locale === "fr" ? "\uFEFF" : "") + Papa.unparse([EXPORT_COLUMNS.map((c) => col[c] ?? c)], { delimiter, newline: "\r\n" }) + "\r\n",
          ),
        );
        return;
      }
      const c: { createdAt: Date; id: string } | null = cursor;
      const rows = await db().lead.findMany({
        where: c ? { AND: [where, { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] }] } : where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: PAGE,
        select: SELECT,
      });
      if (rows.length === 0) return controller.close();
      const last = rows[rows.length - 1]!;
      cursor = { createdAt: last.createdAt, id: last.id };
      const data = rows.map((r) => [
        r.firstName,
        r.lastName,
        r.email,
        r.phoneE164,
        r.company,
        r.jobTitle,
        dom.leadStatus?.[r.status] ?? r.status,
        r.tier ? (dom.leadTier?.[r.tier] ?? r.tier) : null,
        r.score,
        dom.leadSource?.[r.sourceType] ?? r.sourceType,
        r.sourceDetail,
        r.utmSource,
        r.utmMedium,
        r.utmCampaign,
        r.utmContent,
        r.createdAt.toISOString(),
        r.convertedAt?.toISOString() ?? null,
        r.conversionValueMinor === null
          ? null
          : opts.locale === "fr"
            ? String(fromMinor(r.conversionValueMinor, r.currency)).replace(".", ",")
            : fromMinor(r.conversionValueMinor, r.currency),
        r.conversionValueMinor === null ? null : r.currency,
        r.id,
      ]);
      controller.enqueue(encoder.encode(Papa.unparse(data, { delimiter, newline: "\r\n", escapeFormulae: true }) + "\r\n"));
      if (rows.length < PAGE) controller.close();
    },
  });
}
