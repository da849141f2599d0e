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
  const rows = await db().publication.findMany({
    where: {
      organizationId: opts.organizationId,
      ...(opts.platform ? { platform: opts.platform } : {}),
      OR: [
        { status: { in: ["UPLOADING", "PROCESSING"] } },
        { status: "FAILED", scheduledAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } },
        { scheduledAt: { gte: new Date(now.getTime() - 86_400_000), lte: new Date(now.getTime() + 7 * 86_400_000) } },
      ],
    },
    orderBy: { scheduledAt: "asc" },
    select: { ...publicationDtoSelect, events: { orderBy: [{ at: "asc" }, { id: "asc" }], select: publicationEventSelect, take: 50 } },
    take: 200,
  });
  return { items: rows.map((r) => ({ ...toPublicationDto(r), events: r.events.map(toEventDto) })) };
}
