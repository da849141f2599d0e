import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { rulesFor } from "@/lib/content/platform-rules";
import { AppError, notFound } from "@/lib/errors";
import { assertMediaAccepted } from "@/lib/media/convert-for-network";
import type { RevisionDto } from "./network-revisions";

export type EditRevisionOptions = {
  organizationId: string;
  approvalRequestId: string;
  platform: Platform;
  text: string;
  firstComment?: string | null;
  scheduledAt?: Date;
  mediaAssetIds?: string[];
  userId: string | null;
  now?: Date;
};

/**
 * An approver's inline edit of one network's version: a new revision (number + 1, author "user")
 * replaces the current one under the same pending request, and it is this new revision that an
 * approval then stamps. The request row is locked first, so an edit and a decision never interleave:
 * an edit after the decision gets 409 (a decided version can only change through a new request).
 */
export async function editRevision(o: EditRevisionOptions): Promise<RevisionDto> {
  const now = o.now ?? new Date();
  const text = o.text.trim();
  const rule = rulesFor(o.platform);
  if (!text && !rule.media.textOnly) throw new AppError("validation", "validation.textRequired", { field: "text" });
  if (text.length > rule.text.max) throw new AppError("validation", "validation.textTooLongFor", { field: "text", values: { platform: rule.name, max: rule.text.max, length: text.length } });
  if (o.firstComment && !rule.firstComment) throw new AppError("validation", "validation.noFirstComment", { field: "firstComment", values: { platform: rule.name } });
  if (o.scheduledAt && o.scheduledAt.getTime() < now.getTime()) throw new AppError("validation", "publishing.timeInPast", { field: "scheduledAt" });
  if (o.mediaAssetIds) await assertMediaAccepted({ organizationId: o.organizationId, platform: o.platform, mediaAssetIds: o.mediaAssetIds });
  return db().$transaction(async (tx: Prisma.TransactionClient) => {
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM approval_requests WHERE id = ${o.approvalRequestId} AND "organizationId" = ${o.organizationId} FOR UPDATE`;
    if (!locked[0]) throw notFound("approvalRequest");
    if (locked[0].status !== "PENDING") throw new AppError("conflict", "approvals.alreadyDecided", { values: { status: locked[0].status } });
    const current = await tx.contentRevision.findFirst({
      where: { organizationId: o.organizationId, approvalRequestId: o.approvalRequestId, platform: o.platform, supersededAt: null },
      select: { id: true, contentPieceId: true, sourcePieceId: true, number: true, firstComment: true, mediaAssetIds: true, scheduledAt: true },
    });
    if (!current) throw notFound("revision");
    const mediaAssetIds = o.mediaAssetIds ?? current.mediaAssetIds;
    if (o.mediaAssetIds?.length) {
      const found = await tx.mediaAsset.count({ where: { organizationId: o.organizationId, id: { in: o.mediaAssetIds } } });
      if (found !== new Set(o.mediaAssetIds).size) throw notFound("media");
    }
    const last = await tx.contentRevision.findFirst({ where: { contentPieceId: current.contentPieceId, platform: o.platform }, orderBy: { number: "desc" }, select: { number: true } });
    await tx.contentRevision.update({ where: { id: current.id }, data: { supersededAt: now } });
    return tx.contentRevision.create({
      data: {
        organizationId: o.organizationId,
        contentPieceId: current.contentPieceId,
        sourcePieceId: current.sourcePieceId,
        platform: o.platform,
        number: (last?.number ?? current.number) + 1,
        text,
        firstComment: o.firstComment === undefined ? current.firstComment : o.firstComment?.trim() || null,
        mediaAssetIds,
        scheduledAt: o.scheduledAt ?? current.scheduledAt,
        author: "user",
        createdById: o.userId,
        approvalRequestId: o.approvalRequestId,
        createdAt: now,
      },
      select: { id: true, platform: true, number: true, text: true, firstComment: true, mediaAssetIds: true, scheduledAt: true, author: true, approvedAt: true },
    });
  });
}
