import "server-only";
import { db } from "@/lib/db/client";
import { defaultPublishingDeps, publicationScheduledEvent, type PublishingDeps } from "./deps";
import { expandRecurrence } from "./recurrence";
import { timelineRow } from "./timeline";
import { agentNotInactive } from "@/lib/agents/active-filter";

/** How far ahead recurring series are materialised, and at most how many rows per series per pass. */
export const RECURRENCE_HORIZON_DAYS = 30;
export const MAX_OCCURRENCES_PER_PASS = 100;

/**
 * RRULE -> Publication rows: every occurrence of each active series within the horizon becomes a
 * child row (recurrenceParentId) with its own status, idempotency key and publication/scheduled
 * event. Re-running is harmless: (recurrenceParentId, scheduledAt) is unique, duplicates are skipped.
 */
export async function expandRecurrences(opts: { organizationId?: string; seriesId?: string; horizonDays?: number; deps?: PublishingDeps }): Promise<{ series: number; created: number }> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const now = new Date(deps.now());
  const until = new Date(now.getTime() + (opts.horizonDays ?? RECURRENCE_HORIZON_DAYS) * 86_400_000);
  const series = await db().publication.findMany({
    where: { rrule: { not: null }, recurrenceParentId: null, status: { not: "CANCELLED" }, ...(opts.seriesId ? {} : { organization: agentNotInactive("MKT-107") }), ...(opts.organizationId ? { organizationId: opts.organizationId } : {}), ...(opts.seriesId ? { id: opts.seriesId } : {}) },
    select: { id: true, organizationId: true, brandId: true, contentPieceId: true, revisionId: true, socialAccountId: true, platform: true, scheduledAt: true, timezone: true, rrule: true, options: true, maxAttempts: true, createdById: true, idempotencyKey: true },
    take: 1000,
  });
  let created = 0;
  for (const s of series) {
    const last = await db().publication.findFirst({ where: { recurrenceParentId: s.id }, orderBy: { scheduledAt: "desc" }, select: { scheduledAt: true } });
    const after = new Date(Math.max(s.scheduledAt.getTime(), last?.scheduledAt.getTime() ?? 0, now.getTime() - 60_000));
    const times = expandRecurrence({ rrule: s.rrule!, start: s.scheduledAt, timezone: s.timezone, after, until, max: MAX_OCCURRENCES_PER_PASS });
    if (times.length === 0) continue;
    const rows = await db().publication.createManyAndReturn({
      data: times.map((at) => ({
        organizationId: s.organizationId, brandId: s.brandId, contentPieceId: s.contentPieceId, revisionId: s.revisionId, socialAccountId: s.socialAccountId, platform: s.platform,
        scheduledAt: at, timezone: s.timezone, recurrenceParentId: s.id, idempotencyKey: `${s.idempotencyKey}:${at.toISOString()}`,
        options: s.options ?? {}, maxAttempts: s.maxAttempts, createdById: s.createdById,
      })),
      skipDuplicates: true,
      select: { id: true, scheduledAt: true },
    });
    if (rows.length === 0) continue;
    created += rows.length;
    await db().publicationEvent.createMany({
      data: rows.map((r) => timelineRow({ organizationId: s.organizationId, publicationId: r.id, status: "SCHEDULED", key: "scheduledRecurring", values: { at: r.scheduledAt.toISOString() }, payload: { seriesId: s.id }, at: now })),
    });
    await deps.send(rows.map((r) => publicationScheduledEvent({ organizationId: s.organizationId, publicationId: r.id, scheduledAt: r.scheduledAt })));
  }
  return { series: series.length, created };
}
