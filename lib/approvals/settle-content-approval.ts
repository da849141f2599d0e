import "server-only";
import { publishLiveEvent } from "@/lib/live/publish";
import { db } from "@/lib/db/client";
import type { ApprovalStatus } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";

export type ApprovalState = { approvalRequestId: string; status: ApprovalStatus; note: string | null; decidedById: string | null; contentPieceId: string | null };

/** Current state of a request (MKT-104 checks it between waits: a decision whose event was lost is still found). */
export async function getApprovalState(opts: { organizationId: string; approvalRequestId: string }): Promise<ApprovalState> {
  const r = await db().approvalRequest.findFirst({
    where: { id: opts.approvalRequestId, organizationId: opts.organizationId },
    select: { id: true, status: true, decisionNote: true, decidedById: true, contentPieceId: true },
  });
  if (!r) throw notFound("approvalRequest");
  return { approvalRequestId: r.id, status: r.status, note: r.decisionNote, decidedById: r.decidedById, contentPieceId: r.contentPieceId };
}

/** APPROVED -> piece and its variants APPROVED (approvedAt/By); REJECTED -> REJECTED. Only from REVIEW/DRAFT, so a re-run changes nothing. */
export async function settleContentPiece(opts: { organizationId: string; contentPieceId: string; outcome: "APPROVED" | "REJECTED"; approvedById?: string | null; now?: Date }): Promise<{ contentPieceId: string; status: string; changed: boolean }> {
  const now = opts.now ?? new Date();
  const moved = await db().$transaction(async (tx) => {
    const out = await tx.contentPiece.updateMany({
      where: { OR: [{ id: opts.contentPieceId }, { parentId: opts.contentPieceId }], organizationId: opts.organizationId, status: { in: ["REVIEW", "DRAFT"] } },
      data: opts.outcome === "APPROVED" ? { status: "APPROVED", approvedAt: now, approvedById: opts.approvedById ?? null } : { status: "REJECTED" },
    });
    if (out.count > 0 && opts.outcome === "APPROVED") await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "content.approved", payload: { contentPieceId: opts.contentPieceId } });
    return out;
  });
  const piece = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { status: true } });
  if (!piece) throw notFound("content");
  return { contentPieceId: opts.contentPieceId, status: piece.status, changed: moved.count > 0 };
}

/** No decision within the wait: the request expires (only if still pending) and the piece goes back to DRAFT. */
export async function expireApprovalRequest(opts: { organizationId: string; approvalRequestId: string; now?: Date }): Promise<{ expired: boolean }> {
  const now = opts.now ?? new Date();
  return db().$transaction(async (tx) => {
    const moved = await tx.approvalRequest.updateMany({ where: { id: opts.approvalRequestId, organizationId: opts.organizationId, status: "PENDING" }, data: { status: "EXPIRED", expiresAt: now, nextReminderAt: null } });
    if (moved.count === 0) return { expired: false };
    const r = await tx.approvalRequest.findUniqueOrThrow({ where: { id: opts.approvalRequestId }, select: { contentPieceId: true } });
    if (r.contentPieceId) await tx.contentPiece.updateMany({ where: { id: r.contentPieceId, organizationId: opts.organizationId, status: "REVIEW" }, data: { status: "DRAFT" } });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "approval.decided", payload: { approvalRequestId: opts.approvalRequestId, status: "EXPIRED" } });
    return { expired: true };
  });
}
