import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const HOUR = 3600_000;

/**
 * When to publish when the piece has no target time: the next full hour at least one hour ahead,
 * moved into the 08:00-19:00 UTC window (09:00-20:00 in Paris in winter) if it falls outside.
 */
export function nextPublishingSlot(now: Date): Date {
  const slot = new Date(Math.ceil((now.getTime() + HOUR) / HOUR) * HOUR);
  const h = slot.getUTCHours();
  if (h < 8) slot.setUTCHours(8, 0, 0, 0);
  else if (h >= 19) {
    slot.setUTCDate(slot.getUTCDate() + 1);
    slot.setUTCHours(8, 0, 0, 0);
  }
  return slot;
}

export type ScheduledPublicationDto = { publicationId: string; contentPieceId: string; socialAccountId: string; platform: string; scheduledAt: string; created: boolean };

/**
 * MKT-106 step 7: one SCHEDULED Publication per (piece, active account of the piece's platform) for the
 * approved master (on its own platform) and each variant. idempotencyKey `pub:<pieceId>:<accountId>`
 * (unique): a re-run creates nothing new. scheduledAt = the master's targetPublishAt when still ahead,
 * else the next sensible slot.
 */
export async function scheduleAdaptedPublications(opts: { organizationId: string; contentPieceId: string; now?: Date }): Promise<ScheduledPublicationDto[]> {
  const now = opts.now ?? new Date();
  const master = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true, brandId: true, platform: true, targetPublishAt: true, createdById: true } });
  if (!master) throw new AppError("not_found", "Content piece not found");
  const variants = await db().contentPiece.findMany({ where: { organizationId: opts.organizationId, parentId: master.id, status: "APPROVED" }, select: { id: true, platform: true } });
  const pieces = [...(master.platform ? [{ id: master.id, platform: master.platform }] : []), ...variants.filter((v) => v.platform)];
  const accounts = await db().socialAccount.findMany({ where: { organizationId: opts.organizationId, brandId: master.brandId, status: "ACTIVE" }, select: { id: true, platform: true }, orderBy: { createdAt: "asc" } });
  const scheduledAt = master.targetPublishAt && master.targetPublishAt.getTime() > now.getTime() ? master.targetPublishAt : nextPublishingSlot(now);
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
