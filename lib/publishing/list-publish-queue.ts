import "server-only";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { publicationDtoSelect, publicationEventSelect, toEventDto, toPublicationDto } from "./dto";
import type { QueueItemDto } from "@/lib/publishing/contracts";
export type { QueueItemDto };

/**
 * The publish queue (War Room timeline): what is in flight, what failed in the last 7 days (each
 * with "Retry"), plus the last 24 h and the next 7 days, each publication with its events
 * (Scheduled -> Uploading -> Processing -> Posted/Failed).
 */
export async function listPublishQueue(opts: { organizationId: string; platform?: Platform; now?: Date }): Promise<{ items: QueueItemDto[] }> {
  const now = opts.now ?? new Date();
  // The three kinds of row, each one index range ordered by scheduledAt (publications (organizationId,
  // status, scheduledAt) and (organizationId, scheduledAt)), merged by id; then one read of the page with
  // its events. As one OR the planner walked the organisation's whole history (bench:dashboard, issue 18).
  const base = { organizationId: opts.organizationId, ...(opts.platform ? { platform: opts.platform } : {}) };
  const head = { orderBy: { scheduledAt: "asc" as const }, take: 200, select: { id: true, scheduledAt: true } };
  const heads = await Promise.all([
    db().publication.findMany({ where: { ...base, status: "UPLOADING" }, ...head }),
    db().publication.findMany({ where: { ...base, status: "PROCESSING" }, ...head }),
    db().publication.findMany({ where: { ...base, status: "FAILED", scheduledAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } }, ...head }),
    db().publication.findMany({ where: { ...base, scheduledAt: { gte: new Date(now.getTime() - 86_400_000), lte: new Date(now.getTime() + 7 * 86_400_000) } }, ...head }),
  ]);
  const ids = [...new Map(heads.flat().map((r) => [r.id, r])).values()]
    .sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime())
    .slice(0, 200)
    .map((r) => r.id);
  const rows = await db().publication.findMany({
    where: { id: { in: ids }, organizationId: opts.organizationId },
    orderBy: { scheduledAt: "asc" },
    select: { ...publicationDtoSelect, events: { orderBy: [{ at: "asc" }, { id: "asc" }], select: publicationEventSelect, take: 50 } },
  });
  return { items: rows.map((r) => ({ ...toPublicationDto(r), events: r.events.map(toEventDto) })) };
}
