import "server-only";
import { publishLiveEvent } from "@/lib/live/publish";
import { db } from "@/lib/db/client";
import type { ApprovalPriority } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { createRequestRevisions, type ExplicitVersion } from "@/lib/content/revisions/network-revisions";

export type RequestApprovalResult = {
  approvalRequestId: string;
  contentPieceId: string;
  revision: number;
  /** False when this revision already had a request (a re-run). */
  created: boolean;
  /** The brand does not require approval (an owner turned it off): approved on creation. */
  autoApproved: boolean;
  status: string;
};

const HOUR = 3600_000;
export const FIRST_REMINDER_AFTER_MS = 24 * HOUR;

/** Priority from the planned publication time: sooner = more urgent. */
export function priorityFor(targetPublishAt: Date | null, now: Date): ApprovalPriority {
  if (!targetPublishAt) return "NORMAL";
  const left = targetPublishAt.getTime() - now.getTime();
  if (left <= 24 * HOUR) return "URGENT";
  if (left <= 72 * HOUR) return "HIGH";
  if (left <= 14 * 24 * HOUR) return "NORMAL";
  return "LOW";
}

/**
 * MKT-104: one approval request per (piece, revision), keyed `content:<pieceId>:r<revision>`, so a
 * re-run returns the same request. In the same transaction, one revision per network (the piece's
 * own platform and each variant MKT-106 adapted before this): the exact text, media, first comment
 * and time the approver reads and each network receives. The piece and its variants go to REVIEW.
 * When the brand's auto-approve is on (an owner turned `requireContentApproval` off), the request and
 * its revisions are recorded already approved (channel AUTO, written on each publication's timeline).
 */
export async function requestApproval(opts: {
  organizationId: string;
  contentPieceId: string;
  requestedBy?: string;
  runId?: string;
  now?: Date;
  /** The composer: each network's version as the person wrote it (else derived from the piece and its variants). */
  versions?: ExplicitVersion[];
}): Promise<RequestApprovalResult> {
  const now = opts.now ?? new Date();
  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: {
      id: true, brandId: true, platform: true, format: true, title: true, body: true, hashtags: true, revision: true, targetPublishAt: true, status: true,
      brand: { select: { name: true, requireContentApproval: true } },
      media: { orderBy: { position: "asc" }, take: 1, select: { asset: { select: { id: true, storageKey: true, mimeType: true } } } },
    },
  });
  if (!piece) throw notFound("content");
  const idempotencyKey = `content:${piece.id}:r${piece.revision}`;
  const existing = await db().approvalRequest.findUnique({ where: { idempotencyKey }, select: { id: true, status: true, organizationId: true } });
  if (existing) {
    if (existing.organizationId !== opts.organizationId) throw notFound("content");
    return { approvalRequestId: existing.id, contentPieceId: piece.id, revision: piece.revision, created: false, autoApproved: existing.status === "APPROVED" && !piece.brand.requireContentApproval, status: existing.status };
  }
  const auto = !piece.brand.requireContentApproval;
  const image = piece.media[0]?.asset;
  const title = piece.title?.trim() || piece.body.slice(0, 80);
  const data = {
    organizationId: opts.organizationId,
    brandId: piece.brandId,
    entityType: "CONTENT_PIECE" as const,
    contentPieceId: piece.id,
    status: auto ? ("APPROVED" as const) : ("PENDING" as const),
    priority: priorityFor(piece.targetPublishAt, now),
    title: title.slice(0, 200),
    summary: piece.body.slice(0, 280),
    preview: {
      platform: piece.platform,
      format: piece.format,
      revision: piece.revision,
      excerpt: piece.body.slice(0, 500),
      hashtags: piece.hashtags,
      image: image ? { assetId: image.id, storageKey: image.storageKey, mimeType: image.mimeType } : null,
    },
    idempotencyKey,
    requestedBy: opts.requestedBy ?? "mkt-104-request-approval",
    runId: opts.runId ?? null,
    dueAt: piece.targetPublishAt,
    nextReminderAt: auto ? null : new Date(now.getTime() + FIRST_REMINDER_AFTER_MS),
    decidedAt: auto ? now : null,
    decisionNote: auto ? "Auto-approved: the brand does not require content approval" : null,
    createdAt: now,
  };
  const created = await db().$transaction(async (tx) => {
    const rows = await tx.approvalRequest.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true, status: true } });
    if (rows.length === 0) return null;
    await tx.contentPiece.updateMany({
      where: { id: piece.id, organizationId: opts.organizationId, revision: piece.revision },
      data: auto ? { status: "APPROVED", approvedAt: now } : { status: "REVIEW" },
    });
    await tx.contentPiece.updateMany({ where: { parentId: piece.id, organizationId: opts.organizationId, status: { in: ["DRAFT", "REVIEW", "APPROVED"] } }, data: auto ? { status: "APPROVED", approvedAt: now } : { status: "REVIEW" } });
    await createRequestRevisions(tx, { organizationId: opts.organizationId, contentPieceId: piece.id, approvalRequestId: rows[0]!.id, now, autoApproved: auto, versions: opts.versions });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: auto ? "content.approved" : "approval.requested", payload: { approvalRequestId: rows[0]!.id, contentPieceId: piece.id, autoApproved: auto } });
    return rows[0]!;
  });
  if (!created) return requestApproval(opts); // lost a race with a concurrent run: read the winner's row
  return { approvalRequestId: created.id, contentPieceId: piece.id, revision: piece.revision, created: true, autoApproved: auto, status: created.status };
}
