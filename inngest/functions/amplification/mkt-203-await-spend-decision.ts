import { inngest } from "@/inngest/client";
import { approvalDecided, approvalRequested } from "@/inngest/events";
import { expireSpendRequest, getSpendRequestState } from "@/lib/ads/settle-spend-request";
import { FIRST_WAIT, MAX_WAITS, WAIT_CHUNK } from "@/inngest/functions/content-flywheel/mkt-104-request-approval";

/**
 * MKT-203, on approval/requested (AD_CAMPAIGN): waits for the human decision (re-reading the request
 * between waits). The decision itself (human session, current revision, caps) is enforced where it is
 * recorded (lib/ads/spend-decision.ts). APPROVED -> ads/campaign.approved for that revision (MKT-204;
 * the decision sends it too, under the same id, so a click before this wait began launches at once);
 * REJECTED -> the campaign is archived; a request superseded by a modification (CANCELLED) ends here,
 * the new revision's request has its own run (ads/campaign.revised cancels this wait); no decision in 7 days -> EXPIRED, campaign back to DRAFT.
 */
export const mkt203AwaitSpendDecision = inngest.createFunction(
  {
    id: "mkt-203-await-spend-decision",
    name: "MKT-203: wait for the spend approval",
    triggers: [{ event: approvalRequested, if: "event.data.entityType == 'AD_CAMPAIGN'" }],
    retries: 4,
    idempotency: "event.data.approvalRequestId",
    // A modification makes a new revision with its own request and run: this one stops waiting.
    cancelOn: [{ event: "ads/campaign.revised", match: "data.adCampaignId" }],
    concurrency: { key: "event.data.organizationId", limit: 10 },
  },
  async ({ event, step }) => {
    const { organizationId, approvalRequestId } = event.data;
    let status = "PENDING";
    for (let i = 0; i <= MAX_WAITS && status === "PENDING"; i++) {
      const state = await step.run(`check-${i}`, () => getSpendRequestState({ organizationId, approvalRequestId }));
      status = state.status;
      if (status !== "PENDING") break;
      const decided = await step.waitForEvent(`wait-decision-${i}`, { event: approvalDecided, timeout: i === 0 ? FIRST_WAIT : WAIT_CHUNK, if: `async.data.approvalRequestId == '${approvalRequestId}'` });
      if (decided) status = decided.data.decision;
    }
    if (status === "PENDING") {
      await step.run("expire", () => expireSpendRequest({ organizationId, approvalRequestId }));
      return { approvalRequestId, outcome: "EXPIRED" };
    }
    const state = await step.run("load-request", () => getSpendRequestState({ organizationId, approvalRequestId }));
    if (state.status === "APPROVED" && state.current && state.campaignId && state.revision !== null) {
      await step.sendEvent("emit-campaign-approved", {
        id: `campaign-approved-${approvalRequestId}`,
        name: "ads/campaign.approved",
        data: { organizationId, campaignId: state.campaignId, revision: state.revision, approvalRequestId },
      });
    }
    return { approvalRequestId, outcome: state.status, campaignId: state.campaignId };
  },
);
