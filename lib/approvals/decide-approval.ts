import { inngest } from "@/inngest/client";
import { db, Prisma } from "@/lib/db/client";
import type { ApprovalChannel, ApprovalDecisionType, ApprovalStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { childLogger } from "@/lib/log";

export type DecisionDto = {
  approvalRequestId: string;
  decisionId: string;
  status: ApprovalStatus;
  decision: ApprovalDecisionType;
  note: string | null;
  decidedAt: string;
  /** Whether approval/decided reached the workflow engine (else MKT-104 finds the decision on its next check). */
  emitted: boolean;
};

export type DecideApprovalOptions = {
  organizationId: string;
  approvalRequestId: string;
  decision: ApprovalDecisionType;
  note?: string | null;
  decidedById?: string | null;
  channel: ApprovalChannel;
  /** Email links: the single-use token row, consumed (usedAt) in the same transaction. */
  actionToken?: { id: string };
  now?: Date;
};

const STATUS_OF: Record<ApprovalDecisionType, ApprovalStatus> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", REJECT: "REJECTED" };
const EVENT_DECISION = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", REJECT: "REJECTED" } as const;
const EVENT_CHANNEL = { IN_APP: "APP", EMAIL: "EMAIL", SLACK: "SLACK", WHATSAPP: "API", API: "API" } as const;

type Tx = Prisma.TransactionClient;

/**
 * Record a human decision. One decision wins: the request moves out of PENDING with a conditional
 * update (WHERE status = 'PENDING'); a second decision, concurrent or later, gets 409 and writes
 * nothing. The ApprovalDecision row (and the email token's usedAt) commit in the same transaction.
 * Then `approval/decided` is sent (event id = request id: a repeat send is deduplicated).
 */
export async function decideApproval(opts: DecideApprovalOptions): Promise<DecisionDto> {
  const now = opts.now ?? new Date();
  const note = opts.note?.trim() || null;
  if (opts.decision === "REQUEST_CHANGES" && !note) throw new AppError("validation", "A note is required when requesting changes", { field: "note" });
  const status = STATUS_OF[opts.decision];
  const decision = await db().$transaction(async (tx: Tx) => {
    if (opts.actionToken) {
      const used = await tx.approvalActionToken.updateMany({
        where: { id: opts.actionToken.id, requestId: opts.approvalRequestId, organizationId: opts.organizationId, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (used.count === 0) throw new AppError("conflict", "This link was already used or has expired", { field: "token" });
    }
    const moved = await tx.approvalRequest.updateMany({
      where: { id: opts.approvalRequestId, organizationId: opts.organizationId, status: "PENDING" },
      data: { status, decidedAt: now, decidedById: opts.decidedById ?? null, decisionNote: note, nextReminderAt: null },
    });
    if (moved.count === 0) {
      const found = await tx.approvalRequest.findFirst({ where: { id: opts.approvalRequestId, organizationId: opts.organizationId }, select: { status: true } });
      if (!found) throw new AppError("not_found", "Approval request not found");
      throw new AppError("conflict", `This request was already decided (${found.status.toLowerCase().replace("_", " ")})`);
    }
    return tx.approvalDecision.create({
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
  });
  const emitted = await emitApprovalDecided({
    organizationId: opts.organizationId,
    approvalRequestId: opts.approvalRequestId,
    decision: EVENT_DECISION[opts.decision],
    note: note ?? undefined,
    decidedById: opts.decidedById ?? undefined,
    channel: EVENT_CHANNEL[opts.channel],
  });
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
