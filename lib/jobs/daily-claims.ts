import "server-only";
import { db } from "@/lib/db/client";

/**
 * Claims of the scheduled jobs run once per organisation and local date (a week's Monday for MKT-403),
 * a row each in `ad_daily_runs`: shared by the ads (MKT-201, MKT-206), analytics (MKT-402, MKT-403,
 * MKT-404) and inbox (INB-004) ticks, so it belongs to none of them.
 */
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
