import "server-only";
import { db } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import { AppError, notFound } from "@/lib/errors";
import { defaultPublishingDeps, type PublishingDeps } from "./deps";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";
import { timelineRow } from "./timeline";

/**
 * Cancel a publication that has not been posted (publication/cancelled ends its wait). With
 * `series`, a recurring series' future occurrences are cancelled too.
 */
export async function cancelPublication(opts: { organizationId: string; publicationId: string; series?: boolean; cancelledById?: string | null; deps?: PublishingDeps }): Promise<PublicationDto> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const now = new Date(deps.now());
  const current = await db().publication.findFirst({ where: { id: opts.publicationId, organizationId: opts.organizationId }, select: { id: true, rrule: true, recurrenceParentId: true } });
  if (!current) throw notFound("publication");
  const ids = [current.id];
  if (opts.series) {
    const seriesId = current.recurrenceParentId ?? (current.rrule ? current.id : null);
    if (seriesId) {
      const rest = await db().publication.findMany({ where: { organizationId: opts.organizationId, OR: [{ id: seriesId }, { recurrenceParentId: seriesId }], scheduledAt: { gte: now }, status: "SCHEDULED" }, select: { id: true } });
      ids.push(...rest.map((r) => r.id).filter((id) => id !== current.id));
      await db().publication.updateMany({ where: { id: seriesId, organizationId: opts.organizationId }, data: { rrule: null } });
    }
  }
  const cancellable = await db().publication.findMany({ where: { id: { in: ids }, organizationId: opts.organizationId, status: "SCHEDULED" }, select: { id: true } });
  const done = await db().publication.updateMany({
    where: { id: { in: cancellable.map((c) => c.id) }, status: "SCHEDULED", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { status: "CANCELLED", cancelledAt: now, cancelledById: opts.cancelledById ?? null, nextAttemptAt: null },
  });
  if (done.count === 0) throw new AppError("conflict", "publishing.cannotCancel");
  const cancelled = await db().publication.findMany({ where: { id: { in: cancellable.map((c) => c.id) }, status: "CANCELLED", cancelledAt: now }, select: { id: true } });
  await db().publicationEvent.createMany({ data: cancelled.map((c) => timelineRow({ organizationId: opts.organizationId, publicationId: c.id, level: "WARN", status: "CANCELLED", key: "cancelled", values: {}, at: now })) });
  await deps.send(cancelled.map((c) => ({ id: `publication-cancelled-${c.id}`, name: "publication/cancelled", data: { organizationId: opts.organizationId, publicationId: c.id } })));
  const row = await db().publication.findUniqueOrThrow({ where: { id: current.id }, select: publicationDtoSelect });
  await publishLiveEvent(db(), { organizationId: opts.organizationId, type: "publication.updated", payload: { publicationId: row.id, status: row.status } });
  return toPublicationDto(row);
}
