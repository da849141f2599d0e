import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export type SpendRequestState = { status: string; campaignId: string | null; revision: number | null; current: boolean };

/** Where a spend request stands, and whether it is still for the campaign's current revision. */
export async function getSpendRequestState(opts: { organizationId: string; approvalRequestId: string }): Promise<SpendRequestState> {
  const r = await db().approvalRequest.findFirst({
    where: { id: opts.approvalRequestId, organizationId: opts.organizationId },
    select: { status: true, idempotencyKey: true, adCampaign: { select: { id: true, revision: true } } },
  });
  if (!r) throw notFound("approvalRequest");
  const c = r.adCampaign;
  return { status: r.status, campaignId: c?.id ?? null, revision: c?.revision ?? null, current: !!c && r.idempotencyKey === `campaign:${c.id}:r${c.revision}` };
}

/** No decision within the wait: the request expires (if still pending) and the campaign goes back to DRAFT. */
export async function expireSpendRequest(opts: { organizationId: string; approvalRequestId: string; now?: Date }): Promise<{ expired: boolean }> {
  const now = opts.now ?? new Date();
  return db().$transaction(async (tx) => {
    const moved = await tx.approvalRequest.updateMany({ where: { id: opts.approvalRequestId, organizationId: opts.organizationId, status: "PENDING" }, data: { status: "EXPIRED", expiresAt: now, nextReminderAt: null } });
    if (moved.count === 0) return { expired: false };
    const r = await tx.approvalRequest.findUniqueOrThrow({ where: { id: opts.approvalRequestId }, select: { adCampaignId: true } });
    if (r.adCampaignId) await tx.adCampaign.updateMany({ where: { id: r.adCampaignId, organizationId: opts.organizationId, status: "PENDING_APPROVAL" }, data: { status: "DRAFT" } });
    return { expired: true };
  });
}
