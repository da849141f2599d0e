import { inngest } from "@/inngest/client";
import { adsCampaignApproved, adsLaunchRetried } from "@/inngest/events";
import { launchCampaign } from "@/lib/ads/launch-campaign";

/**
 * MKT-204, on ads/campaign.approved (MKT-203) or ads/launch.retried: creates the campaign on its ad
 * network object by object (lib/ads/launch-campaign.ts re-checks the human approval of the current
 * revision and the caps first). One launch per campaign at a time. Success -> ads/campaign.launched;
 * a failure leaves the campaign FAILED with its report (what exists, paused), retried by a person; the
 * step retried after that (its alert failed) gets the same failure back and alerts no one twice.
 */
export const mkt204LaunchCampaign = inngest.createFunction(
  { id: "mkt-204-launch-campaign", name: "MKT-204: launch an approved campaign", triggers: [adsCampaignApproved, adsLaunchRetried], retries: 2, concurrency: { key: "event.data.campaignId", limit: 1 } },
  async ({ event, step, runId }) => {
    const { organizationId, campaignId } = event.data;
    // The run key makes a retry of this step after its FAILED committed a replay (one "launch failed" alert), not a new attempt.
    const result = await step.run("launch", () => launchCampaign({ organizationId, campaignId, runKey: `${runId}:launch` }));
    if (result.status === "ACTIVE") {
      const remote = result.report.exists.find((o) => o.kind === "campaign");
      await step.sendEvent("emit-launched", { id: `campaign-launched-${campaignId}`, name: "ads/campaign.launched", data: { organizationId, campaignId, platform: "ads", externalId: remote?.remoteId ?? "" } });
    }
    return { campaignId, status: result.status, objects: result.report.exists.length, failed: result.report.failed };
  },
);
