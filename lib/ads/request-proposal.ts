import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

/** "Amplifier" on published content: the request is stored as its event, MKT-202 makes the proposal. */
export async function requestProposal(opts: { organizationId: string; contentPieceId: string; requestedById?: string | null }): Promise<{ requestId: string }> {
  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: { status: true, _count: { select: { publications: { where: { status: "POSTED" } } } } },
  });
  if (!piece) throw notFound("content", { field: "contentPieceId" });
  if (piece.status !== "PUBLISHED" && piece._count.publications === 0) throw new AppError("conflict", "ads.notPublished", { field: "contentPieceId" });
  const requestId = randomUUID();
  await inngest.send({ id: `proposal-requested-${requestId}`, name: "ads/proposal.requested", data: { organizationId: opts.organizationId, contentPieceId: opts.contentPieceId, requestId, ...(opts.requestedById ? { requestedById: opts.requestedById } : {}) } });
  return { requestId };
}
