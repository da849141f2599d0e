import { TZDate } from "@date-fns/tz";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isTimeZone } from "@/lib/utils";

const HOUR = 3600_000;
/** Publishing window in the organisation's local time: slots from 09:00 up to 19:00 (20:00 excluded). */
const FIRST_HOUR = 9;
const END_HOUR = 20;

/**
 * When to publish when the piece has no target time: the next full local hour at least one hour ahead,
 * moved to 09:00 local (the same day, or the next day from 20:00 on) if it falls outside the 09:00-20:00 window
 * of `timeZone` (IANA). Wall-clock hours, so DST-correct: 09:00 in Paris is 08:00 UTC in winter, 07:00 UTC
 * in summer. An unknown zone (the create-organisation input does not validate it) counts as UTC.
 */
export function nextPublishingSlot(now: Date, timeZone: string): Date {
  const tz = isTimeZone(timeZone) ? timeZone : "UTC";
  const earliest = new TZDate(now.getTime() + HOUR, tz);
  // Round up to a local full hour in absolute time (zones with :30/:45 offsets; the repeated hour at a DST fall-back).
  const intoHour = (earliest.getMinutes() * 60 + earliest.getSeconds()) * 1000 + earliest.getMilliseconds();
  const slot = new TZDate(earliest.getTime() - intoHour + (intoHour > 0 ? HOUR : 0), tz);
  const h = slot.getHours();
  if (h >= FIRST_HOUR && h < END_HOUR) return new Date(slot.getTime());
  const day = slot.getDate() + (h >= END_HOUR ? 1 : 0);
  return new Date(new TZDate(slot.getFullYear(), slot.getMonth(), day, FIRST_HOUR, 0, 0, tz).getTime());
}

export type ScheduledPublicationDto = { publicationId: string; contentPieceId: string; socialAccountId: string; platform: string; scheduledAt: string; created: boolean };

/**
 * MKT-106 step 7: one SCHEDULED Publication per (piece, active account of the piece's platform) for the
 * approved master (on its own platform) and each variant. A brand publishes on its own accounts and, on a
 * platform where it has none, on the organisation's unassigned ones (brandId null: what Connections creates).
 * idempotencyKey `pub:<pieceId>:<accountId>`
 * (unique): a re-run creates nothing new. scheduledAt = the master's targetPublishAt when still ahead,
 * else the next slot of the publishing window in the organisation's time zone (nextPublishingSlot).
 */
export async function scheduleAdaptedPublications(opts: { organizationId: string; contentPieceId: string; now?: Date }): Promise<ScheduledPublicationDto[]> {
  const now = opts.now ?? new Date();
  const master = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true, brandId: true, platform: true, targetPublishAt: true, createdById: true, organization: { select: { timezone: true } } } });
  if (!master) throw new AppError("not_found", "Content piece not found");
  const variants = await db().contentPiece.findMany({ where: { organizationId: opts.organizationId, parentId: master.id, status: "APPROVED" }, select: { id: true, platform: true } });
  const pieces = [...(master.platform ? [{ id: master.id, platform: master.platform }] : []), ...variants.filter((v) => v.platform)];
  const candidates = await db().socialAccount.findMany({ where: { organizationId: opts.organizationId, OR: [{ brandId: master.brandId }, { brandId: null }], status: "ACTIVE" }, select: { id: true, platform: true, brandId: true }, orderBy: { createdAt: "asc" } });
  const brandPlatforms = new Set(candidates.filter((a) => a.brandId).map((a) => a.platform));
  const accounts = candidates.filter((a) => a.brandId || !brandPlatforms.has(a.platform));
  const scheduledAt = master.targetPublishAt && master.targetPublishAt.getTime() > now.getTime() ? master.targetPublishAt : nextPublishingSlot(now, master.organization.timezone);
  const out: ScheduledPublicationDto[] = [];
  for (const piece of pieces) {
    for (const account of accounts.filter((a) => a.platform === piece.platform)) {
      const idempotencyKey = `pub:${piece.id}:${account.id}`;
      const rows = await db().publication.createManyAndReturn({
        data: [{ organizationId: opts.organizationId, brandId: master.brandId, contentPieceId: piece.id, socialAccountId: account.id, platform: account.platform, status: "SCHEDULED", scheduledAt, idempotencyKey, createdById: master.createdById }],
        skipDuplicates: true,
        select: { id: true, scheduledAt: true },
      });
      const row = rows[0] ?? (await db().publication.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true, scheduledAt: true } }));
      out.push({ publicationId: row.id, contentPieceId: piece.id, socialAccountId: account.id, platform: account.platform, scheduledAt: row.scheduledAt.toISOString(), created: rows.length > 0 });
    }
  }
  return out;
}
