import "server-only";
import { db } from "@/lib/db/client";
import { localDate, localHour } from "./local-dates";
import { agentNotInactive } from "@/lib/agents/active-filter";

/** The scheduled jobs claimed once per organisation and local date (a week's Monday for MKT-403) in `ad_daily_runs`. */
export type ClaimedJob = "mkt-201" | "mkt-206" | "mkt-402" | "mkt-403" | "mkt-404" | "inb-004";
export type DailyRunClaim = { organizationId: string; localDate: string };

/**
 * Claims the due (organisation, local date) pairs of a job: a row each in `ad_daily_runs`, inserted with
 * the claiming step's `runKey` (`<runId>:claim-organizations`), a pair already claimed left as it is.
 * Returns the rows this step holds: those it inserted now and those an earlier execution of the same
 * step inserted, in organisation id order. Steps are at-least-once: a claim step replayed after a crash
 * between its insert's commit and its checkpoint (or retried after an error) found every pair already
 * claimed, returned none and the fan-out that follows it never ran, so that day's (or week's) work was
 * lost for good; it now answers as its first execution did (plus what has become due since).
 */
export async function claimDueRuns(opts: { job: ClaimedJob; due: DailyRunClaim[]; runKey: string; now: Date }): Promise<DailyRunClaim[]> {
  if (opts.due.length > 0)
    await db().adDailyRun.createMany({ data: opts.due.map((d) => ({ ...d, job: opts.job, startedAt: opts.now, runKey: opts.runKey })), skipDuplicates: true });
  return db().adDailyRun.findMany({
    where: { job: opts.job, runKey: opts.runKey },
    orderBy: [{ organizationId: "asc" }, { localDate: "asc" }],
    select: { organizationId: true, localDate: true },
  });
}

/**
 * Jobs at a local hour of each organisation (MKT-201 06:00, MKT-206 10:00), driven by an hourly tick:
 * an organisation is due once its local hour has come, once per local date (a row per organisation,
 * job and date claims it, `claimDueRuns`; after downtime the next tick catches up).
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
