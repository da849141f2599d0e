import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { defaultPublishingDeps, publicationScheduledEvent, type PublishingDeps } from "./deps";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";
import { expandRecurrences } from "./expand-recurrence";
import { parseRrule } from "./recurrence";
import { timelineRow } from "./timeline";

/**
 * Put one piece on one account at one time (optionally recurring): the Publication row (status
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
  createdById?: string | null;
  deps?: PublishingDeps;
};

export async function schedulePublication(opts: SchedulePublicationOptions): Promise<PublicationDto> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const [piece, account] = await Promise.all([
    db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true, brandId: true } }),
    db().socialAccount.findFirst({ where: { id: opts.socialAccountId, organizationId: opts.organizationId }, select: { id: true, platform: true, status: true } }),
  ]);
  if (!piece) throw new AppError("not_found", "Content not found");
  if (!account) throw new AppError("not_found", "Account not found");
  if (opts.rrule) {
    try {
      parseRrule(opts.rrule);
    } catch {
      throw new AppError("validation", "Invalid recurrence rule", { field: "rrule" });
    }
  }
  const now = new Date(deps.now());
  const row = await db().publication.create({
    data: {
      organizationId: opts.organizationId,
      brandId: piece.brandId,
      contentPieceId: piece.id,
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
  return toPublicationDto(row);
}
