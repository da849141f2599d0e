import { inngest } from "@/inngest/client";
import { adsProposalRequested, signalContentDetected } from "@/inngest/events";
import { proposeCampaign } from "@/lib/ads/propose-campaign";
import { requestCampaignApproval } from "@/lib/ads/request-campaign-approval";

/**
 * MKT-202, on signal/content.detected (MKT-109) or ads/proposal.requested ("Amplifier"): a draft
 * campaign proposal (one per signal or request), then MKT-203's spend approval request (always
 * required) and approval/requested, which the MKT-203 wait picks up.
 */
export const mkt202ProposeCampaign = inngest.createFunction(
  { id: "mkt-202-propose-campaign", name: "MKT-202: propose an ad campaign", triggers: [signalContentDetected, adsProposalRequested], retries: 3, concurrency: { key: "event.data.organizationId", limit: 2 } },
  async ({ event, step, runId }) => {
    const { organizationId, contentPieceId } = event.data;
    const d = event.data as { signalId?: string; requestId?: string; requestedById?: string };
    const key = d.signalId ? `signal:${d.signalId}` : `request:${d.requestId}`;
    const proposal = await step.run("propose", () =>
      proposeCampaign({ organizationId, contentPieceId, signalId: d.signalId ?? null, requestedById: d.requestedById ?? null, key, aiKey: `${runId}:propose` }),
    );
    const req = await step.run("request-approval", () => requestCampaignApproval({ organizationId, campaignId: proposal.campaignId, requestedBy: "mkt-202-propose-campaign", runId }));
    await step.sendEvent("emit-approval-requested", {
      id: `approval-requested-${req.approvalRequestId}`,
      name: "approval/requested",
      data: { organizationId, approvalRequestId: req.approvalRequestId, entityType: "AD_CAMPAIGN", adCampaignId: proposal.campaignId },
    });
    return { campaignId: proposal.campaignId, approvalRequestId: req.approvalRequestId };
  },
);
