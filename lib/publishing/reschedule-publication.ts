import "server-only";
import { db } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import { AppError, notFound } from "@/lib/errors";
import { defaultPublishingDeps, publicationScheduledEvent, scheduledEventId, type PublishingDeps } from "./deps";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";
import { latestSchedulableTime } from "./schemas";
import { timelineRow } from "./timeline";

/**
 * Move a publication that has not started (SCHEDULED) to a new time. Emits publication/rescheduled
 * (cancelOn ends the old run's wait) and publication/scheduled for the new time (a new run waits).
 * The old run, if it still woke up, sees the row's new scheduledAt and steps aside.
 */
export async function reschedulePublication(opts: { organizationId: string; publicationId: string; scheduledAt: Date; deps?: PublishingDeps }): Promise<PublicationDto> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const now = new Date(deps.now());
  if (opts.scheduledAt.getTime() < now.getTime() - 60_000) throw new AppError("validation", "publishing.timeInPast", { field: "scheduledAt" });
  if (opts.scheduledAt.getTime() > latestSchedulableTime(now).getTime()) throw new AppError("validation", "publishing.tooFarAhead", { field: "scheduledAt" });
  const current = await db().publication.findFirst({ where: { id: opts.publicationId, organizationId: opts.organizationId }, select: { id: true, status: true, scheduledAt: true } });
  if (!current) throw notFound("publication");
  const moved = await db().publication.updateMany({
    where: { id: current.id, organizationId: opts.organizationId, status: "SCHEDULED", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { scheduledAt: opts.scheduledAt, nextAttemptAt: null },
  });
  if (moved.count === 0) throw new AppError("conflict", "publishing.cannotMove");
  await db().publicationEvent.create({
    data: timelineRow({ organizationId: opts.organizationId, publicationId: current.id, status: "SCHEDULED", key: "rescheduled", values: { fromAt: current.scheduledAt.toISOString(), toAt: opts.scheduledAt.toISOString() }, payload: { from: current.scheduledAt.toISOString(), to: opts.scheduledAt.toISOString() }, at: now }),
  });
  const data = { organizationId: opts.organizationId, publicationId: current.id, scheduledAt: opts.scheduledAt.toISOString() };
  await deps.send([
    { id: `publication-rescheduled-${current.id}-${data.scheduledAt}-${now.getTime()}`, name: "publication/rescheduled", data },
    publicationScheduledEvent(data, `${scheduledEventId(current.id, opts.scheduledAt)}-${now.getTime()}`),
  ]);
  const row = await db().publication.findUniqueOrThrow({ where: { id: current.id }, select: publicationDtoSelect });
  await publishLiveEvent(db(), { organizationId: opts.organizationId, type: "publication.updated", payload: { publicationId: row.id, status: row.status } });
  return toPublicationDto(row);
}
