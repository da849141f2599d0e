import "server-only";
import { TZDate } from "@date-fns/tz";
// Per-function entry points: the package index loads all ~250 of date-fns' modules (~0.2 s of every start-up).
import { addMonths } from "date-fns/addMonths";
import { startOfMonth } from "date-fns/startOfMonth";
import { db } from "@/lib/db/client";
import type { Plan } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { AiQuotaError } from "./errors";

/**
 * The organisation's balance of the month (prices and plan allowances: ./credit-rates.ts, pure, so
 * the unit tests need no database).
 */
export { creditsFor, estimateCredits, IMAGE_OUTPUT_TOKENS, PLAN_AI_CREDITS } from "./credit-rates";

export type AiCreditBalance = {
  plan: Plan;
  /** Monthly allowance + grants of the month. */
  budget: number;
  used: number;
  remaining: number;
  periodStart: Date;
  resetsAt: Date;
  timezone: string;
};

/** "<organizationId>:grant:<YYYY-MM>": the ledger row holding a month's allowance, when one is written. */
export function allowanceGrantKey(organizationId: string, monthStart: Date): string {
  return `${organizationId}:grant:${monthStart.getFullYear()}-${String(monthStart.getMonth() + 1).padStart(2, "0")}`;
}

/** The current month (in the organisation's time zone) of its AI credits. */
export async function getAiCreditBalance(opts: { organizationId: string; now?: Date }): Promise<AiCreditBalance> {
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { plan: true, aiCreditsMonthly: true, timezone: true } });
  if (!org) throw notFound("organization");
  const now = opts.now ?? new Date();
  const monthStart = startOfMonth(new TZDate(now.getTime(), org.timezone));
  const periodStart = new Date(monthStart.getTime());
  const resetsAt = new Date(addMonths(monthStart, 1).getTime());
  const allowanceKey = allowanceGrantKey(opts.organizationId, monthStart);
  const [sums, allowance] = await Promise.all([
    db().aiUsageEntry.groupBy({
      by: ["kind"],
      where: { organizationId: opts.organizationId, occurredAt: { gte: periodStart, lt: resetsAt }, OR: [{ idempotencyKey: null }, { idempotencyKey: { not: allowanceKey } }] },
      _sum: { credits: true },
    }),
    db().aiUsageEntry.findUnique({ where: { idempotencyKey: allowanceKey }, select: { organizationId: true, kind: true, credits: true } }),
  ]);
  const sum = (kind: string) => sums.find((s) => s.kind === kind)?._sum.credits ?? 0;
  const used = sum("USAGE");
  const monthly = allowance?.organizationId === opts.organizationId && allowance.kind === "GRANT" ? allowance.credits : org.aiCreditsMonthly;
  const budget = monthly + sum("GRANT") + sum("ADJUSTMENT");
  return { plan: org.plan, budget, used, remaining: budget - used, periodStart, resetsAt, timezone: org.timezone };
}

/** Throw AiQuotaError (402) when the month's credits cannot cover this call's worst case. Call before the provider. */
export async function assertAiCredits(opts: { organizationId: string; estimate: number; now?: Date }): Promise<AiCreditBalance> {
  const b = await getAiCreditBalance(opts);
  if (b.remaining <= 0 || opts.estimate > b.remaining) {
    const day = b.resetsAt.toLocaleDateString("en-CA", { timeZone: b.timezone });
    const left = b.remaining <= 0 ? "none" : "some";
    throw new AiQuotaError(
      { left, estimate: opts.estimate, remaining: b.remaining, used: b.used, budget: b.budget, plan: b.plan, day, timeZone: b.timezone },
      { budget: b.budget, used: b.used, resetsAt: b.resetsAt },
    );
  }
  return b;
}
