import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { adsCompetitorResearchRequested } from "@/inngest/events";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/rate-limit";
import { MANUAL_RESEARCH_JOB, RESEARCH_STALE_MS } from "./research-status";
import { localDate } from "@/lib/time/local-dates";

/** "Run research now": at most this many started runs per organisation and hour (each one queries the Ad Library for every competitor and asks the AI once per brand). */
export const RESEARCH_NOW_PER_HOUR = 4;

/**
 * "Run research now" on the competitors page: MKT-201 for this organisation at once, through its
 * event. The request claims the organisation's "mkt-201-manual" row of the local date (one row per
 * day, re-used by each manual run) so the page shows the run in progress straight away and a second
 * click while it runs is a 409; a run that never finished is taken over after RESEARCH_STALE_MS. The
 * row keeps its last summary while the next run works (the page goes on showing it).
 * 409 without any active competitor (nothing to research), 429 past RESEARCH_NOW_PER_HOUR.
 */
export async function requestCompetitorResearch(opts: { organizationId: string; requestedById?: string | null; now?: Date }): Promise<{ requestId: string; startedAt: string }> {
  const now = opts.now ?? new Date();
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { timezone: true, _count: { select: { competitors: { where: { isActive: true } } } } } });
  if (org._count.competitors === 0) throw new AppError("conflict", "ads.noCompetitors");
  const day = localDate(now, org.timezone);
  const key = { organizationId: opts.organizationId, job: MANUAL_RESEARCH_JOB };
  const staleBefore = new Date(now.getTime() - RESEARCH_STALE_MS);
  const running = await db().adDailyRun.findFirst({ where: { ...key, finishedAt: null, startedAt: { gte: staleBefore } }, select: { id: true } });
  if (running) throw new AppError("conflict", "ads.researchRunning");
  await enforceRateLimit({ bucket: "competitor-research", subject: opts.organizationId, limit: RESEARCH_NOW_PER_HOUR, windowSeconds: 3600, now });

  // Claim the day's row: create it, or take it over when its last run finished (or was abandoned).
  const created = await db().adDailyRun.createMany({ data: [{ ...key, localDate: day, startedAt: now }], skipDuplicates: true });
  if (created.count === 0) {
    const taken = await db().adDailyRun.updateMany({
      where: { ...key, localDate: day, OR: [{ finishedAt: { not: null } }, { startedAt: { lt: staleBefore } }] },
      data: { startedAt: now, finishedAt: null },
    });
    if (taken.count === 0) throw new AppError("conflict", "ads.researchRunning");
  }
  const requestId = randomUUID();
  try {
    await inngest.send(adsCompetitorResearchRequested.create({ organizationId: opts.organizationId, requestId, localDate: day, ...(opts.requestedById ? { requestedById: opts.requestedById } : {}) }, { id: `competitor-research-requested-${requestId}` }));
  } catch (err) {
    await failManualResearch({ organizationId: opts.organizationId, localDate: day, message: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  return { requestId, startedAt: now.toISOString() };
}

/**
 * A manual run that could not be sent or whose workflow failed for good: finished, its summary (the
 * row's last successful one, if any) kept with `failed` beside it: the page says so and goes on
 * showing that summary. The next successful run replaces the whole summary.
 */
export async function failManualResearch(opts: { organizationId: string; localDate: string; message: string; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  const where = { organizationId: opts.organizationId, job: MANUAL_RESEARCH_JOB, localDate: opts.localDate, finishedAt: null };
  const row = await db().adDailyRun.findFirst({ where, select: { summary: true } });
  if (!row) return;
  const kept = row.summary && typeof row.summary === "object" && !Array.isArray(row.summary) ? row.summary : {};
  await db().adDailyRun.updateMany({ where, data: { finishedAt: now, summary: { ...kept, failed: { at: now.toISOString(), error: opts.message.slice(0, 500) } } } });
}
