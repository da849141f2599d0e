import "server-only";
import { db } from "@/lib/db/client";
import { dueAnalyticsDate } from "./schedule";
import { agentNotInactive } from "@/lib/agents/active-filter";
import { claimDueRuns, type DailyRunClaim } from "@/lib/jobs/daily-claims";

/**
 * The organisations whose local 23:59 has come (`dueAnalyticsDate`), each claimed once per local date
 * (`ad_daily_runs`, job "mkt-402"): a second tick in the same window claims nothing, a replay of the
 * same step (`runKey`) returns what it claimed (`claimDueRuns`).
 */
export async function claimDailyAnalytics(opts: { runKey: string; now?: Date; organizationIds?: string[] }): Promise<DailyRunClaim[]> {
  const now = opts.now ?? new Date();
  const orgs = await db().organization.findMany({
    where: { ...(opts.organizationIds ? { id: { in: opts.organizationIds } } : {}), ...agentNotInactive("MKT-402") },
    select: { id: true, timezone: true },
  });
  const due = orgs.flatMap((o) => {
    const date = dueAnalyticsDate(now, o.timezone);
    return date ? [{ organizationId: o.id, localDate: date }] : [];
  });
  return claimDueRuns({ job: "mkt-402", due, runKey: opts.runKey, now });
}

export async function finishDailyAnalytics(opts: { organizationId: string; localDate: string; summary: object; now?: Date }): Promise<void> {
  await db().adDailyRun.updateMany({
    where: { organizationId: opts.organizationId, job: "mkt-402", localDate: opts.localDate },
    data: { finishedAt: opts.now ?? new Date(), summary: opts.summary },
  });
}
