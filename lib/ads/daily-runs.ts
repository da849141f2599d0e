import "server-only";
import { db } from "@/lib/db/client";
import { localDate, localHour } from "@/lib/time/local-dates";
import { agentNotInactive } from "@/lib/agents/active-filter";
import { claimDueRuns, type DailyRunClaim } from "@/lib/jobs/daily-claims";

/**
 * Jobs at a local hour of each organisation (MKT-201 06:00, MKT-206 10:00), driven by an hourly tick:
 * an organisation is due once its local hour has come, once per local date (a row per organisation,
 * job and date claims it, `claimDueRuns` in `lib/jobs/daily-claims.ts`; after downtime the next tick catches up).
 */
export async function claimDailyRuns(opts: { job: "mkt-201" | "mkt-206"; hour: number; runKey: string; now?: Date; organizationIds?: string[] }): Promise<DailyRunClaim[]> {
  const now = opts.now ?? new Date();
  const orgs = await db().organization.findMany({ where: { ...(opts.organizationIds ? { id: { in: opts.organizationIds } } : {}), ...agentNotInactive(opts.job.toUpperCase()) }, select: { id: true, timezone: true } });
  const due = orgs.filter((o) => localHour(now, o.timezone) >= opts.hour).map((o) => ({ organizationId: o.id, localDate: localDate(now, o.timezone) }));
  return claimDueRuns({ job: opts.job, due, runKey: opts.runKey, now });
}

export async function finishDailyRun(opts: { organizationId: string; job: "mkt-201" | "mkt-201-manual" | "mkt-206"; localDate: string; summary?: object; now?: Date }): Promise<void> {
  await db().adDailyRun.updateMany({ where: { organizationId: opts.organizationId, job: opts.job, localDate: opts.localDate }, data: { finishedAt: opts.now ?? new Date(), ...(opts.summary ? { summary: opts.summary } : {}) } });
}
