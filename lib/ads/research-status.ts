import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";

/** The ad_daily_runs job of "Run research now" (one row per organisation and local date, re-used by each manual run). */
export const MANUAL_RESEARCH_JOB = "mkt-201-manual";
/** A manual run not finished after this long is taken as lost (the page stops showing it, a new one may start). */
export const RESEARCH_STALE_MS = 15 * 60_000;

/** What failManualResearch writes beside the kept summary. */
const failedSummary = z.object({ failed: z.object({ at: z.string(), error: z.string() }) });

/** The latest manual run of an organisation: running (since), failed (when, why) or nothing to say. */
export type ManualResearchState = { state: "running"; startedAt: string } | { state: "failed"; at: string; error: string } | null;

export async function manualResearchState(opts: { organizationId: string; now?: Date }): Promise<ManualResearchState> {
  const now = opts.now ?? new Date();
  const row = await db().adDailyRun.findFirst({ where: { organizationId: opts.organizationId, job: MANUAL_RESEARCH_JOB }, orderBy: { startedAt: "desc" }, select: { startedAt: true, finishedAt: true, summary: true } });
  if (!row) return null;
  if (!row.finishedAt) return now.getTime() - row.startedAt.getTime() < RESEARCH_STALE_MS ? { state: "running", startedAt: row.startedAt.toISOString() } : null;
  const failed = failedSummary.safeParse(row.summary);
  return failed.success ? { state: "failed", at: failed.data.failed.at, error: failed.data.failed.error } : null;
}
