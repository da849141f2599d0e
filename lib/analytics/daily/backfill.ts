import "server-only";
import { inngest } from "@/inngest/client";
import { analyticsBackfillRequested } from "@/inngest/events";
import { db } from "@/lib/db/client";
import { daysBetween, localDate } from "@/lib/time/local-dates";
import { AppError, notFound } from "@/lib/errors";
import type { AnalyticsBackfillDto } from "./contracts";
import { backfillRangeSchema } from "./schemas";

/** A backfill still RUNNING after this long is taken as abandoned (a new one may start). */
export const BACKFILL_STALE_MS = 2 * 3600_000;

const SELECT = { id: true, fromDate: true, toDate: true, daysTotal: true, daysDone: true, status: true, createdAt: true, finishedAt: true } as const;
type Row = {
  id: string;
  fromDate: string;
  toDate: string;
  daysTotal: number;
  daysDone: number;
  status: "RUNNING" | "DONE" | "FAILED";
  createdAt: Date;
  finishedAt: Date | null;
};
const toDto = (r: Row): AnalyticsBackfillDto => ({
  id: r.id,
  from: r.fromDate,
  to: r.toDate,
  daysTotal: r.daysTotal,
  daysDone: r.daysDone,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/**
 * "Recompute" on the Analytics page: MKT-402 over a range of local dates (at most 366, not after
 * today). The row is written first (the page shows progress from it), then the event; one backfill
 * at a time per organisation (409 while one runs).
 */
export async function requestAnalyticsBackfill(opts: {
  organizationId: string;
  from: string;
  to: string;
  requestedById?: string | null;
  now?: Date;
}): Promise<AnalyticsBackfillDto> {
  const now = opts.now ?? new Date();
  const range = backfillRangeSchema.parse({ from: opts.from, to: opts.to });
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { timezone: true } });
  if (!org) throw notFound("organization");
  const today = localDate(now, org.timezone);
  if (range.to > today) throw new AppError("validation", "analytics.backfillFuture", { field: "to", values: { today } });
  const running = await db().analyticsBackfill.findFirst({
    where: { organizationId: opts.organizationId, status: "RUNNING", createdAt: { gte: new Date(now.getTime() - BACKFILL_STALE_MS) } },
    select: { id: true },
  });
  if (running) throw new AppError("conflict", "analytics.backfillRunning");
  const row = await db().analyticsBackfill.create({
    data: {
      organizationId: opts.organizationId,
      fromDate: range.from,
      toDate: range.to,
      daysTotal: daysBetween(range.from, range.to) + 1,
      requestedById: opts.requestedById ?? null,
      createdAt: now,
    },
    select: SELECT,
  });
  try {
    await inngest.send(analyticsBackfillRequested.create({ organizationId: opts.organizationId, backfillId: row.id }, { id: `analytics-backfill-${row.id}` }));
  } catch (err) {
    await failAnalyticsBackfill({ organizationId: opts.organizationId, backfillId: row.id, message: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  return toDto(row);
}

/** The newest backfill of the organisation (the page's progress bar), or null. */
export async function getLatestAnalyticsBackfill(opts: { organizationId: string }): Promise<AnalyticsBackfillDto | null> {
  const row = await db().analyticsBackfill.findFirst({ where: { organizationId: opts.organizationId }, orderBy: { createdAt: "desc" }, select: SELECT });
  return row ? toDto(row) : null;
}

export async function loadAnalyticsBackfill(opts: {
  organizationId: string;
  backfillId: string;
}): Promise<{ from: string; to: string; status: string } | null> {
  const row = await db().analyticsBackfill.findFirst({
    where: { id: opts.backfillId, organizationId: opts.organizationId },
    select: { fromDate: true, toDate: true, status: true },
  });
  return row ? { from: row.fromDate, to: row.toDate, status: row.status } : null;
}

/** Day `index` (0-based) is done: progress only grows, so a re-run step does not count twice. */
export async function markBackfillProgress(opts: { backfillId: string; done: number }): Promise<void> {
  await db().$executeRaw`UPDATE analytics_backfills SET "daysDone" = GREATEST("daysDone", ${opts.done}) WHERE id = ${opts.backfillId}`;
}

export async function finishAnalyticsBackfill(opts: { backfillId: string; now?: Date }): Promise<void> {
  await db().analyticsBackfill.updateMany({ where: { id: opts.backfillId, status: "RUNNING" }, data: { status: "DONE", finishedAt: opts.now ?? new Date() } });
}

export async function failAnalyticsBackfill(opts: { organizationId: string; backfillId: string; message: string; now?: Date }): Promise<void> {
  await db().analyticsBackfill.updateMany({
    where: { id: opts.backfillId, organizationId: opts.organizationId, status: "RUNNING" },
    data: { status: "FAILED", error: opts.message.slice(0, 500), finishedAt: opts.now ?? new Date() },
  });
}
