import "server-only";
import { publishLiveEvent } from "@/lib/live/publish";
import { inngest } from "@/inngest/client";
import { db, Prisma } from "@/lib/db/client";
import type { ApprovalChannel, ApprovalDecisionType, ApprovalStatus } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { assertMediaAccepted } from "@/lib/media/convert-for-network";
import { applySpendDecision, emitCampaignApproved } from "@/lib/ads/spend-decision";
import type { DecisionDto } from "@/lib/approvals/contracts";
export type { DecisionDto };

export type DecideApprovalOptions = {
  organizationId: string;
  approvalRequestId: string;
  decision: ApprovalDecisionType;
  note?: string | null;
  decidedById?: string | null;
  channel: ApprovalChannel;
  /** Email links: the single-use token row, consumed (usedAt) in the same transaction. */
  actionToken?: { id: string };
  /** The network versions the decider was shown: when one was edited since, the decision is refused (409). */
  revisionIds?: string[];
  now?: Date;
};

const STATUS_OF: Record<ApprovalDecisionType, ApprovalStatus> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", REJECT: "REJECTED" };
const EVENT_DECISION = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", REJECT: "REJECTED" } as const;
const EVENT_CHANNEL = { IN_APP: "APP", EMAIL: "EMAIL", SLACK: "SLACK", WHATSAPP: "API", API: "API" } as const;

type Tx = Prisma.TransactionClient;

/**
 * Record a human decision. One decision wins: the request moves out of PENDING with a conditional
 * update (WHERE status = 'PENDING'); a second decision, concurrent or later, gets 409 and writes
 * nothing. The ApprovalDecision row (and the email token's usedAt) commit in the same transaction,
 * and so does, for an approval, the stamp on the request's current network versions (revisions):
 * those exact versions are what MKT-107 may publish. Ad spend (campaigns, MKT-206 actions) is decided
 * only by a human session and within the caps (lib/ads/spend-decision.ts), in the same transaction.
 * Then `approval/decided` is sent (event id = request id: a repeat send is deduplicated).
 */
export async function decideApproval(opts: DecideApprovalOptions): Promise<DecisionDto> {
  const now = opts.now ?? new Date();
  const note = opts.note?.trim() || null;
  if (opts.decision === "REQUEST_CHANGES" && !note) throw new AppError("validation", "validation.noteRequired", { field: "note" });
  const status = STATUS_OF[opts.decision];
  // Quality gates before anything is scheduled (issue 9): approving a version whose medium its network refuses is a 422 naming the rule.
  if (opts.decision === "APPROVE") {
    const versions = await db().contentRevision.findMany({ where: { organizationId: opts.organizationId, approvalRequestId: opts.approvalRequestId, supersededAt: null }, select: { platform: true, mediaAssetIds: true } });
    for (const v of versions) await assertMediaAccepted({ organizationId: opts.organizationId, platform: v.platform, mediaAssetIds: v.mediaAssetIds, field: `networks.${v.platform}.media` });
  }
  const decision = await db().$transaction(async (tx: Tx) => {
    if (opts.actionToken) {
      const used = await tx.approvalActionToken.updateMany({
        where: { id: opts.actionToken.id, requestId: opts.approvalRequestId, organizationId: opts.organizationId, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (used.count === 0) throw new AppError("conflict", "approvals.linkUsedOrExpired", { field: "token" });
    }
    const request = await tx.approvalRequest.findFirst({ where: { id: opts.approvalRequestId, organizationId: opts.organizationId }, select: { id: true, entityType: true, adCampaignId: true, idempotencyKey: true, status: true } });
    if (!request) throw notFound("approvalRequest");
    if (request.status === "PENDING") await applySpendDecision(tx, request, { organizationId: opts.organizationId, decision: opts.decision, channel: opts.channel, decidedById: opts.decidedById, now });
    const moved = await tx.approvalRequest.updateMany({
      where: { id: opts.approvalRequestId, organizationId: opts.organizationId, status: "PENDING" },
      data: { status, decidedAt: now, decidedById: opts.decidedById ?? null, decisionNote: note, nextReminderAt: null },
    });
    if (moved.count === 0) {
      const found = await tx.approvalRequest.findFirst({ where: { id: opts.approvalRequestId, organizationId: opts.organizationId }, select: { status: true } });
      if (!found) throw notFound("approvalRequest");
      throw new AppError("conflict", "approvals.alreadyDecided", { values: { status: found.status } });
    }
    if (opts.revisionIds) {
      const current = await tx.contentRevision.findMany({ where: { organizationId: opts.organizationId, approvalRequestId: opts.approvalRequestId, supersededAt: null }, select: { id: true } });
      const shown = new Set(opts.revisionIds);
      if (current.length !== shown.size || current.some((r) => !shown.has(r.id))) throw new AppError("conflict", "approvals.changedSinceShown", { field: "revisionIds" });
    }
    if (opts.decision === "APPROVE") {
      await tx.contentRevision.updateMany({
        where: { organizationId: opts.organizationId, approvalRequestId: opts.approvalRequestId, supersededAt: null, approvedAt: null },
        data: { approvedAt: now, approvedById: opts.decidedById ?? null, approvedVia: opts.channel },
      });
    }
    const created = await tx.approvalDecision.create({
      data: {
        organizationId: opts.organizationId,
        requestId: opts.approvalRequestId,
        decision: opts.decision,
        channel: opts.channel,
        note,
        decidedById: opts.decidedById ?? null,
        actionTokenId: opts.actionToken?.id ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "approval.decided", payload: { approvalRequestId: opts.approvalRequestId, entityType: request.entityType, status, decision: opts.decision } });
    return created;
  });
  const emitted = await emitApprovalDecided({
    organizationId: opts.organizationId,
    approvalRequestId: opts.approvalRequestId,
    decision: EVENT_DECISION[opts.decision],
    note: note ?? undefined,
    decidedById: opts.decidedById ?? undefined,
    channel: EVENT_CHANNEL[opts.channel],
  });
  if (opts.decision === "APPROVE") await emitCampaignApproved({ organizationId: opts.organizationId, approvalRequestId: opts.approvalRequestId });
  return { approvalRequestId: opts.approvalRequestId, decisionId: decision.id, status, decision: opts.decision, note, decidedAt: now.toISOString(), emitted };
}

type DecidedEvent = {
  organizationId: string;
  approvalRequestId: string;
  decision: "APPROVED" | "CHANGES_REQUESTED" | "REJECTED";
  note?: string;
  decidedById?: string;
  channel: "APP" | "EMAIL" | "SLACK" | "API" | "AUTO";
};

/**
 * The decision is committed before this runs, so a failed send never loses it: MKT-104 re-reads the
 * request between waits. The send is logged, not thrown (the person's decision did succeed).
 */
export async function emitApprovalDecided(data: DecidedEvent): Promise<boolean> {
  try {
    await inngest.send({ id: `approval-decided-${data.approvalRequestId}`, name: "approval/decided", data });
    return true;
  } catch (err) {
    childLogger({ organizationId: data.organizationId }).error({ err, approvalRequestId: data.approvalRequestId }, "approval/decided could not be sent; MKT-104 will pick the decision up on its next check");
    return false;
  }
}
