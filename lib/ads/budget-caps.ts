import { addDays, daysBetween, monthOf } from "@/lib/time/local-dates";

/**
 * Spend guard-rails (MKT-203/204/206), pure so every boundary is unit-tested. Amounts are integer
 * minor units of the organisation's currency; dates are local calendar dates ("YYYY-MM-DD", inclusive).
 *
 *  - per-campaign cap: a campaign's total budget (its maximum exposure: MKT-205 pauses a campaign
 *    whose spend reaches it) may not exceed `campaignCapMinor`;
 *  - monthly cap: what was spent this month (all campaigns) plus what every committed campaign is
 *    planned to spend for the rest of the month may not exceed `monthlyCapMinor`. A campaign's plan
 *    for the month = daily budget x its remaining days in the month, never more than what is left of
 *    its total budget.
 */
export type CapSettings = { monthlyCapMinor: number; campaignCapMinor: number; currency: string };

export type SpendPlan = {
  id?: string;
  dailyBudgetMinor: number;
  totalBudgetMinor: number;
  /** Spent so far over the campaign's life. */
  spentMinor: number;
  startDate: string;
  endDate: string;
};

export type CapContext = {
  /** Today in the organisation's time zone. */
  today: string;
  /** The other committed campaigns (approved, launching, active). */
  others: SpendPlan[];
  /** Spend already reported this month by every campaign of the organisation. */
  spentThisMonthMinor: number;
};

export type CapViolation =
  | { cap: "campaign"; capMinor: number; totalBudgetMinor: number }
  | { cap: "monthly"; capMinor: number; plannedMonthMinor: number; month: string };

/** Planned spend of `p` between `from` and `to` (inclusive), from today on. */
export function plannedBetween(p: SpendPlan, from: string, to: string, today: string): number {
  const start = [p.startDate, from, today].sort().at(-1)!;
  const end = [p.endDate, to].sort()[0]!;
  const days = Math.max(0, daysBetween(start, end) + 1);
  return Math.max(0, Math.min(p.dailyBudgetMinor * days, p.totalBudgetMinor - p.spentMinor));
}

/** This month's spent + planned, with `candidate` in place of its previous plan (same id). */
export function plannedThisMonth(candidate: SpendPlan, ctx: CapContext): number {
  const { first, last } = monthOf(ctx.today);
  const others = ctx.others.filter((o) => !candidate.id || o.id !== candidate.id);
  return ctx.spentThisMonthMinor + [candidate, ...others].reduce((sum, p) => sum + plannedBetween(p, first, last, ctx.today), 0);
}

/** Every cap `candidate` would break (empty = within the caps). */
export function capViolations(candidate: SpendPlan, settings: CapSettings, ctx: CapContext): CapViolation[] {
  const out: CapViolation[] = [];
  if (candidate.totalBudgetMinor > settings.campaignCapMinor) out.push({ cap: "campaign", capMinor: settings.campaignCapMinor, totalBudgetMinor: candidate.totalBudgetMinor });
  const planned = plannedThisMonth(candidate, ctx);
  if (planned > settings.monthlyCapMinor) out.push({ cap: "monthly", capMinor: settings.monthlyCapMinor, plannedMonthMinor: planned, month: ctx.today.slice(0, 7) });
  return out;
}

export const SCALE_FACTOR = { num: 13, den: 10 } as const;

export type ScaleResult =
  | { ok: true; dailyBudgetMinor: number; totalBudgetMinor: number; requestedDailyMinor: number; limitedBy: CapViolation["cap"] | null }
  | { ok: false; requestedDailyMinor: number; violations: CapViolation[] };

/**
 * MKT-206 "budget +30 % within the caps": the daily budget goes up 30 % (rounded to the minor unit)
 * and the total budget follows so the remaining days stay funded. When that breaks a cap, the
 * largest daily budget between today's and the +30 % one that keeps every cap is used instead
 * (`limitedBy` names the cap); when even one more minor unit breaks a cap, the scale is refused.
 */
export function scaleWithinCaps(plan: SpendPlan, settings: CapSettings, ctx: CapContext): ScaleResult {
  const requested = Math.round((plan.dailyBudgetMinor * SCALE_FACTOR.num) / SCALE_FACTOR.den);
  const remainingDays = Math.max(0, daysBetween([plan.startDate, ctx.today].sort().at(-1)!, plan.endDate) + 1);
  const withDaily = (daily: number): SpendPlan => ({ ...plan, dailyBudgetMinor: daily, totalBudgetMinor: Math.max(plan.totalBudgetMinor, plan.spentMinor + daily * remainingDays) });
  const full = capViolations(withDaily(requested), settings, ctx);
  if (full.length === 0) return { ok: true, dailyBudgetMinor: requested, totalBudgetMinor: withDaily(requested).totalBudgetMinor, requestedDailyMinor: requested, limitedBy: null };
  // Largest daily in (current, requested) within the caps; planned spend only grows with the daily budget.
  let lo = plan.dailyBudgetMinor;
  let hi = requested;
  if (capViolations(withDaily(lo + 1), settings, ctx).length > 0) return { ok: false, requestedDailyMinor: requested, violations: full };
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (capViolations(withDaily(mid), settings, ctx).length === 0) lo = mid;
    else hi = mid;
  }
  return { ok: true, dailyBudgetMinor: lo, totalBudgetMinor: withDaily(lo).totalBudgetMinor, requestedDailyMinor: requested, limitedBy: full[0]!.cap };
}

/** Number of days a plan covers (inclusive). */
export const planDays = (p: Pick<SpendPlan, "startDate" | "endDate">) => daysBetween(p.startDate, p.endDate) + 1;

/** The end date of a plan of `days` days starting `start`. */
export const planEnd = (start: string, days: number) => addDays(start, Math.max(1, days) - 1);
