import "server-only";
import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { capViolations, type CapContext, type CapSettings, type CapViolation, type SpendPlan } from "./budget-caps";
import { addDays, localDate } from "@/lib/time/local-dates";

type Tx = Prisma.TransactionClient;

/** Campaigns whose budget is committed: they count against the monthly cap. */
export const COMMITTED_STATUSES = ["APPROVED", "LAUNCHING", "ACTIVE", "PAUSED"] as const;

export const DEFAULT_AD_SETTINGS = { monthlyCapMinor: 100_000, campaignCapMinor: 50_000, autoApply: false } as const;

export type OrgAdSettings = CapSettings & { autoApply: boolean; timeZone: string; locale: string };

/** The organisation's caps (defaults when never set), currency, time zone and auto-apply switch. */
export async function getAdSettings(organizationId: string, tx: Tx = db()): Promise<OrgAdSettings> {
  const [org, s] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { currency: true, timezone: true, locale: true } }),
    tx.adSettings.findUnique({ where: { organizationId } }),
  ]);
  return { monthlyCapMinor: s?.monthlyCapMinor ?? DEFAULT_AD_SETTINGS.monthlyCapMinor, campaignCapMinor: s?.campaignCapMinor ?? DEFAULT_AD_SETTINGS.campaignCapMinor, autoApply: s?.autoApply ?? false, currency: org.currency, timeZone: org.timezone, locale: org.locale };
}

type PlanRow = { id: string; dailyBudgetMinor: number | null; totalBudgetMinor: number | null; spentMinor: number; startAt: Date | null; endAt: Date | null };

/** A campaign row as a spend plan in local dates (no end date: as many days as the total budget lasts). */
export function planOf(c: PlanRow, timeZone: string, now: Date): SpendPlan {
  const daily = c.dailyBudgetMinor ?? 0;
  const total = c.totalBudgetMinor ?? daily;
  const startDate = localDate(c.startAt ?? now, timeZone);
  const endDate = c.endAt ? localDate(c.endAt, timeZone) : addDays(startDate, Math.max(1, daily > 0 ? Math.ceil(total / daily) : 1) - 1);
  return { id: c.id, dailyBudgetMinor: daily, totalBudgetMinor: total, spentMinor: c.spentMinor, startDate, endDate };
}

/** What the monthly cap compares against: the other committed campaigns and this month's reported spend. */
export async function capContext(opts: { organizationId: string; timeZone: string; excludeCampaignId?: string; now: Date }, tx: Tx = db()): Promise<CapContext> {
  const today = localDate(opts.now, opts.timeZone);
  const first = `${today.slice(0, 7)}-01`;
  const [others, spent] = await Promise.all([
    tx.adCampaign.findMany({
      where: { organizationId: opts.organizationId, status: { in: [...COMMITTED_STATUSES] }, ...(opts.excludeCampaignId ? { id: { not: opts.excludeCampaignId } } : {}) },
      select: { id: true, dailyBudgetMinor: true, totalBudgetMinor: true, spentMinor: true, startAt: true, endAt: true },
    }),
    tx.adMetricDaily.aggregate({ where: { organizationId: opts.organizationId, level: "CAMPAIGN", day: { gte: new Date(`${first}T00:00:00.000Z`) } }, _sum: { spendMinor: true } }),
  ]);
  return { today, others: others.map((o) => planOf(o, opts.timeZone, opts.now)), spentThisMonthMinor: spent._sum.spendMinor ?? 0 };
}

export const money = (minor: number, currency: string, locale: string) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", { style: "currency", currency }).format(minor / 100);

/** The refusal of a plan above a cap, naming the cap and its amount. */
export function capError(v: CapViolation, s: OrgAdSettings): AppError {
  if (v.cap === "campaign")
    return new AppError("conflict", "ads.campaignCapExceeded", { field: "totalBudgetMinor", values: { amount: money(v.totalBudgetMinor, s.currency, "en"), cap: money(v.capMinor, s.currency, "en") } });
  return new AppError("conflict", "ads.monthlyCapExceeded", { field: "dailyBudgetMinor", values: { amount: money(v.plannedMonthMinor, s.currency, "en"), cap: money(v.capMinor, s.currency, "en"), month: v.month } });
}

/**
 * Enforced wherever spend is committed or changed (approval, launch, budget edits, MKT-206 scaling):
 * throws the first cap the plan would break.
 */
export async function assertWithinCaps(opts: { organizationId: string; plan: PlanRow; now?: Date }, tx: Tx = db()): Promise<void> {
  const now = opts.now ?? new Date();
  const s = await getAdSettings(opts.organizationId, tx);
  const ctx = await capContext({ organizationId: opts.organizationId, timeZone: s.timeZone, excludeCampaignId: opts.plan.id, now }, tx);
  const v = capViolations(planOf(opts.plan, s.timeZone, now), s, ctx);
  if (v.length > 0) throw capError(v[0]!, s);
}
