import "server-only";
import { db } from "@/lib/db/client";
import { defaultPublishingDeps, type PublishingDeps } from "./deps";
import { timelineRow } from "./timeline";
import { agentNotInactive } from "@/lib/agents/active-filter";

/**
 * The safety net behind the durable waits (MKT-107 cron, every 15 min). Finds publications whose
 * run should have handled them and did not: SCHEDULED and due (and not waiting for a retry) for more
 * than the grace period, UPLOADING with an expired lease (a crashed worker), PROCESSING untouched for
 * 30 min. Each is dispatched again (publication/scheduled); the lease + ledger keep it to one post.
 * Older than the lookback (24 h): too late to publish silently, marked FAILED.
 */
export const SWEEP_GRACE_MS = 2 * 60_000;
export const SWEEP_LOOKBACK_MS = 24 * 3600_000;
export const SWEEP_BATCH = 1000;

export type SweptPublication = { organizationId: string; publicationId: string; scheduledAt: string };

export async function sweepDuePublications(opts: { deps?: PublishingDeps; dispatch?: boolean } = {}): Promise<{ dispatched: SweptPublication[]; expired: number }> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const now = new Date(deps.now());
  const due = new Date(now.getTime() - SWEEP_GRACE_MS);
  const oldest = new Date(now.getTime() - SWEEP_LOOKBACK_MS);

  const tooOld = await db().publication.findMany({ where: { organization: agentNotInactive("MKT-107"), status: "SCHEDULED", scheduledAt: { lt: oldest }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lt: oldest } }] }, select: { id: true, organizationId: true }, take: SWEEP_BATCH });
  if (tooOld.length) {
    await db().$transaction([
      db().publication.updateMany({ where: { id: { in: tooOld.map((p) => p.id) }, status: "SCHEDULED" }, data: { status: "FAILED", errorCode: "missed", errorMessage: "Missed its publishing window by more than 24 hours" } }),
      db().publicationEvent.createMany({ data: tooOld.map((p) => timelineRow({ organizationId: p.organizationId, publicationId: p.id, level: "ERROR", status: "FAILED", key: "missedWindow", values: {}, at: now })) }),
    ]);
  }

  const rows = await db().publication.findMany({
    where: {
      organization: agentNotInactive("MKT-107"),
      OR: [
        { status: "SCHEDULED", scheduledAt: { lte: due, gte: oldest }, AND: [{ OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: due } }] }, { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] }] },
        { status: "UPLOADING", lockedUntil: { lt: now } },
        { status: "PROCESSING", updatedAt: { lt: new Date(now.getTime() - 30 * 60_000) }, scheduledAt: { gte: oldest } },
      ],
    },
    orderBy: { scheduledAt: "asc" },
    select: { id: true, organizationId: true, scheduledAt: true },
    take: SWEEP_BATCH,
  });
  const dispatched = rows.map((r) => ({ organizationId: r.organizationId, publicationId: r.id, scheduledAt: r.scheduledAt.toISOString() }));
  if (dispatched.length && opts.dispatch !== false) {
    await db().publicationEvent.createMany({ data: rows.map((r) => timelineRow({ organizationId: r.organizationId, publicationId: r.id, level: "WARN", key: "sweptUp", values: {}, at: now })) });
  }
  return { dispatched, expired: tooOld.length };
}
