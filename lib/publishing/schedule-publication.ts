import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import { AppError, notFound } from "@/lib/errors";
import { assertMediaAccepted } from "@/lib/media/convert-for-network";
import { defaultPublishingDeps, publicationScheduledEvent, type PublishingDeps } from "./deps";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";
import { expandRecurrences } from "./expand-recurrence";
import { parseRrule } from "./recurrence";
import { timelineRow } from "./timeline";

/**
 * Put one piece's approved network version on one account at one time (optionally recurring); a
 * piece with no approved, current version for that network is refused (409). The Publication row (status
 * SCHEDULED, idempotency key, max attempts from PUBLISH_MAX_ATTEMPTS), a "Scheduled" timeline event,
 * then publication/scheduled so MKT-107 sleeps until the time. Recurring series materialise their
 * next occurrences at once (bounded horizon); the daily MKT-107 expansion keeps the horizon filled.
 * MKT-106 may create rows itself and only send publication/scheduled: both paths meet in MKT-107.
 */
export type SchedulePublicationOptions = {
  organizationId: string;
  contentPieceId: string;
  socialAccountId: string;
  scheduledAt: Date;
  timezone?: string;
  rrule?: string | null;
  options?: Record<string, unknown>;
  /** The approved network version to send; default: the piece's current approved version for the account's network. */
  revisionId?: string;
  createdById?: string | null;
  deps?: PublishingDeps;
};

export async function schedulePublication(opts: SchedulePublicationOptions): Promise<PublicationDto> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const [piece, account] = await Promise.all([
    db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true, brandId: true } }),
    db().socialAccount.findFirst({ where: { id: opts.socialAccountId, organizationId: opts.organizationId }, select: { id: true, platform: true, status: true } }),
  ]);
  if (!piece) throw notFound("content");
  if (!account) throw notFound("account");
  if (opts.rrule) {
    try {
      parseRrule(opts.rrule);
    } catch {
      throw new AppError("validation", "validation.rrule", { field: "rrule" });
    }
  }
  // Issue 9: a publication always sends an approved network version (the publish step refuses anything else).
  const revision = await db().contentRevision.findFirst({
    where: { organizationId: opts.organizationId, ...(opts.revisionId ? { id: opts.revisionId } : { contentPieceId: piece.id }), platform: account.platform, supersededAt: null, approvedAt: { not: null } },
    orderBy: { number: "desc" },
    select: { id: true, mediaAssetIds: true },
  });
  if (revision) await assertMediaAccepted({ organizationId: opts.organizationId, platform: account.platform, mediaAssetIds: revision.mediaAssetIds });
  if (!revision) throw new AppError("conflict", "publishing.notApproved", { field: "contentPieceId", values: { platform: account.platform.toLowerCase() } });
  const now = new Date(deps.now());
  const row = await db().publication.create({
    data: {
      organizationId: opts.organizationId,
      brandId: piece.brandId,
      contentPieceId: piece.id,
      revisionId: revision.id,
      socialAccountId: account.id,
      platform: account.platform,
      scheduledAt: opts.scheduledAt,
      timezone: opts.timezone ?? "Europe/Paris",
      rrule: opts.rrule ?? null,
      idempotencyKey: `pub_${randomUUID()}`,
      options: (opts.options ?? {}) as object,
      maxAttempts: deps.maxAttempts,
      createdById: opts.createdById ?? null,
    },
    select: publicationDtoSelect,
  });
  await db().publicationEvent.create({ data: timelineRow({ organizationId: opts.organizationId, publicationId: row.id, status: "SCHEDULED", key: "scheduled", values: { at: opts.scheduledAt.toISOString() }, at: now }) });
  await deps.send([publicationScheduledEvent({ organizationId: opts.organizationId, publicationId: row.id, scheduledAt: row.scheduledAt })]);
  if (opts.rrule) await expandRecurrences({ organizationId: opts.organizationId, seriesId: row.id, deps });
  await publishLiveEvent(db(), { organizationId: opts.organizationId, type: "publication.updated", payload: { publicationId: row.id, status: row.status } });
  return toPublicationDto(row);
}
