import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { defaultPublishingDeps, publicationScheduledEvent, scheduledEventId, type PublishingDeps } from "./deps";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";
import { platformOf } from "./publish-publication";
import { timelineRow } from "./timeline";

/**
 * "Réessayer" on a FAILED publication (issue 9): the row goes back to SCHEDULED for now with a fresh
 * attempt budget (attempt numbers continue on the ledger), a "Retry requested" timeline line, and
 * publication/scheduled so MKT-107 publishes it as any due publication (same idempotency key, same
 * approved revision, which MKT-107 checks again). One conditional write: a second click, or a
 * publication that is not FAILED, is 409 and nothing is sent twice.
 */
export async function retryPublication(opts: { organizationId: string; publicationId: string; deps?: PublishingDeps }): Promise<PublicationDto> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const now = new Date(deps.now());
  const current = await db().publication.findFirst({ where: { id: opts.publicationId, organizationId: opts.organizationId }, select: { id: true, status: true, attempts: true, platform: true } });
  if (!current) throw notFound("publication");
  if (current.status !== "FAILED") throw new AppError("conflict", "publishing.notRetryable");
  await db().$transaction(async (tx) => {
    const moved = await tx.publication.updateMany({
      where: { id: current.id, organizationId: opts.organizationId, status: "FAILED" },
      data: { status: "SCHEDULED", scheduledAt: now, maxAttempts: current.attempts + deps.maxAttempts, lockedUntil: null, nextAttemptAt: null, errorCode: null, errorMessage: null },
    });
    if (moved.count === 0) throw new AppError("conflict", "publishing.notRetryable");
    await tx.publicationEvent.create({
      data: timelineRow({ organizationId: opts.organizationId, publicationId: current.id, status: "SCHEDULED", key: "retried", values: { platform: platformOf(current.platform) }, at: now }),
    });
  });
  await deps.send([publicationScheduledEvent({ organizationId: opts.organizationId, publicationId: current.id, scheduledAt: now }, `${scheduledEventId(current.id, now)}-retry-${current.attempts}`)]);
  const row = await db().publication.findUniqueOrThrow({ where: { id: current.id }, select: publicationDtoSelect });
  return toPublicationDto(row);
}
