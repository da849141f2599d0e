import { inngest } from "@/inngest/client";
import { approvalDecided, approvalRequested, contentPiecesGenerated } from "@/inngest/events";
import { notifyApprovalRequested } from "@/lib/approvals/notify-approval-requested";
import { getRequestRevision } from "@/lib/approvals/get-request-revision";
import { requestApproval } from "@/lib/approvals/request-approval";
import { reviseContentPiece } from "@/lib/approvals/revise-content-piece";
import { sendApprovalEmails } from "@/lib/approvals/send-approval-email";
import { expireApprovalRequest, getApprovalState, settleContentPiece } from "@/lib/approvals/settle-content-approval";
import { adaptPieceToPlatform, discardVariants, listAdaptationTargets } from "@/lib/content/adaptation/adapt-content-piece";

type Step = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

/**
 * MKT-106 before the request (issue 9): the piece adapted to each other network of the brand, one
 * step per network, so that the approval covers every network's exact version.
 */
async function adaptToEveryNetwork(step: Step, o: { organizationId: string; contentPieceId: string; runId: string; prefix: string }) {
  const targets = await step.run(`${o.prefix}targets-${o.contentPieceId}`, () => listAdaptationTargets({ organizationId: o.organizationId, contentPieceId: o.contentPieceId }));
  for (const platform of targets.platforms) {
    await step.run(`${o.prefix}adapt-${o.contentPieceId}-${platform.toLowerCase()}`, () =>
      adaptPieceToPlatform({ organizationId: o.organizationId, contentPieceId: o.contentPieceId, platform, idempotencyKey: `${o.runId}:${o.prefix}adapt-${o.contentPieceId}-${platform}` }),
    );
  }
}

/** Each wait lasts WAIT_CHUNK; between waits the request is re-read (a decision whose event was missed is still found). */
export const WAIT_CHUNK = "2h";
/**
 * The first wait is short: a decision taken between the first read and the wait's registration (a
 * wait only sees events sent after it exists, on Inngest as on the embedded executor) is found by the
 * next read 30 s later, not 2 h later. Seen in CI: an approval decided at once left its post unscheduled.
 */
export const FIRST_WAIT = "30s";
/** 84 x 2 h = 7 days without a decision -> the request expires (reminders run meanwhile, MKT-105). */
export const MAX_WAITS = 84;

/**
 * MKT-104 (1/2), on content/pieces.generated: each piece is first adapted to the brand's other
 * networks (MKT-106), then one approval request per piece (idempotent per piece revision) covering
 * one exact version per network (revisions), approvers notified in-app, by email (signed links) and on Slack (buttons), then
 * approval/requested per piece (one waiting run each). Brands without required approval: the piece
 * is approved at once (channel AUTO) and content/piece.approved is sent.
 */
export const mkt104RequestApproval = inngest.createFunction(
  { id: "mkt-104-request-approval", name: "MKT-104: request approval", triggers: [contentPiecesGenerated], retries: 4, concurrency: { key: "event.data.organizationId", limit: 5 } },
  async ({ event, step, runId }) => {
    const organizationId = event.data.organizationId;
    const results = [];
    for (const contentPieceId of event.data.contentPieceIds) {
      await adaptToEveryNetwork(step, { organizationId, contentPieceId, runId, prefix: "" });
      const req = await step.run(`request-${contentPieceId}`, () => requestApproval({ organizationId, contentPieceId, requestedBy: "mkt-104-request-approval", runId }));
      if (req.autoApproved) {
        await step.sendEvent(`auto-approved-${contentPieceId}`, [
          { id: `approval-decided-${req.approvalRequestId}`, name: "approval/decided", data: { organizationId, approvalRequestId: req.approvalRequestId, decision: "APPROVED", channel: "AUTO", note: "brand setting" } },
          { id: `piece-approved-${contentPieceId}-r${req.revision}`, name: "content/piece.approved", data: { organizationId, contentPieceId } },
        ]);
      } else {
        await step.run(`notify-${req.approvalRequestId}`, () => notifyApprovalRequested({ organizationId, approvalRequestId: req.approvalRequestId }));
        await step.run(`email-${req.approvalRequestId}`, () => sendApprovalEmails({ organizationId, approvalRequestId: req.approvalRequestId }));
        await step.sendEvent(`requested-${req.approvalRequestId}`, {
          id: `approval-requested-${req.approvalRequestId}`,
          name: "approval/requested",
          data: { organizationId, approvalRequestId: req.approvalRequestId, entityType: "CONTENT_PIECE", contentPieceId },
        });
      }
      results.push(req);
    }
    return { requests: results.map((r) => ({ approvalRequestId: r.approvalRequestId, contentPieceId: r.contentPieceId, autoApproved: r.autoApproved })) };
  },
);

/**
 * MKT-104 (2/2), on approval/requested (content): waits for approval/decided of this request
 * (waitForEvent with `if` on approvalRequestId and a timeout, re-reading the request between waits).
 * APPROVED -> piece APPROVED + content/piece.approved (MKT-106). CHANGES_REQUESTED -> the piece is
 * regenerated with the note (revision + 1) and approval is requested again (a new run waits).
 * REJECTED -> piece REJECTED. Nothing after 7 days -> request EXPIRED, piece back to DRAFT.
 */
export const mkt104AwaitDecision = inngest.createFunction(
  {
    id: "mkt-104-await-decision",
    name: "MKT-104: wait for the approval decision",
    triggers: [{ event: approvalRequested, if: "event.data.entityType == 'CONTENT_PIECE'" }],
    retries: 4,
    idempotency: "event.data.approvalRequestId",
    concurrency: { key: "event.data.organizationId", limit: 10 },
  },
  async ({ event, step, runId }) => {
    const { organizationId, approvalRequestId } = event.data;
    let outcome: { status: string; note: string | null; decidedById: string | null } | null = null;
    for (let i = 0; i <= MAX_WAITS && !outcome; i++) {
      const state = await step.run(`check-${i}`, () => getApprovalState({ organizationId, approvalRequestId }));
      if (state.status !== "PENDING") {
        outcome = state;
        break;
      }
      const decided = await step.waitForEvent(`wait-decision-${i}`, { event: approvalDecided, timeout: i === 0 ? FIRST_WAIT : WAIT_CHUNK, if: `async.data.approvalRequestId == '${approvalRequestId}'` });
      if (decided) outcome = { status: decided.data.decision, note: decided.data.note ?? null, decidedById: decided.data.decidedById ?? null };
    }
    if (!outcome) {
      await step.run("expire", () => expireApprovalRequest({ organizationId, approvalRequestId }));
      return { approvalRequestId, outcome: "EXPIRED" };
    }
    const state = await step.run("load-request", () => getApprovalState({ organizationId, approvalRequestId }));
    const contentPieceId = state.contentPieceId ?? event.data.contentPieceId;
    if (!contentPieceId) return { approvalRequestId, outcome: state.status, skipped: "no content piece" };
    if (state.status === "APPROVED") {
      await step.run("mark-approved", () => settleContentPiece({ organizationId, contentPieceId, outcome: "APPROVED", approvedById: state.decidedById }));
      await step.sendEvent("emit-piece-approved", { id: `piece-approved-${contentPieceId}-${approvalRequestId}`, name: "content/piece.approved", data: { organizationId, contentPieceId } });
      return { approvalRequestId, outcome: "APPROVED", contentPieceId };
    }
    if (state.status === "REJECTED") {
      await step.run("mark-rejected", () => settleContentPiece({ organizationId, contentPieceId, outcome: "REJECTED" }));
      return { approvalRequestId, outcome: "REJECTED", contentPieceId };
    }
    if (state.status === "CHANGES_REQUESTED") {
      const revision = await step.run("load-revision", () => getRequestRevision({ organizationId, approvalRequestId }));
      const note = state.note ?? outcome.note ?? "";
      const revised = await step.run("regenerate", () => reviseContentPiece({ organizationId, contentPieceId, fromRevision: revision, note, idempotencyKey: `${runId}:regenerate` }));
      // The variants were written from the old text: written again from the new one before the new request.
      await step.run("discard-variants", () => discardVariants({ organizationId, contentPieceId }));
      await adaptToEveryNetwork(step, { organizationId, contentPieceId, runId, prefix: "readapt-" });
      const next = await step.run("request-again", () => requestApproval({ organizationId, contentPieceId, requestedBy: "mkt-104-await-decision", runId }));
      if (next.autoApproved) {
        await step.sendEvent("emit-piece-approved", { id: `piece-approved-${contentPieceId}-${next.approvalRequestId}`, name: "content/piece.approved", data: { organizationId, contentPieceId } });
      } else {
        await step.run("notify-again", () => notifyApprovalRequested({ organizationId, approvalRequestId: next.approvalRequestId }));
        await step.run("email-again", () => sendApprovalEmails({ organizationId, approvalRequestId: next.approvalRequestId }));
        await step.sendEvent("emit-requested-again", {
          id: `approval-requested-${next.approvalRequestId}`,
          name: "approval/requested",
          data: { organizationId, approvalRequestId: next.approvalRequestId, entityType: "CONTENT_PIECE", contentPieceId },
        });
      }
      return { approvalRequestId, outcome: "CHANGES_REQUESTED", contentPieceId, revision: revised.revision, nextApprovalRequestId: next.approvalRequestId };
    }
    return { approvalRequestId, outcome: state.status };
  },
);
