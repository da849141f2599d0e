import { inngest } from "@/inngest/client";
import { adsCampaignLaunched } from "@/inngest/events";
import { collectAdMetrics, listOrganizationsWithLiveCampaigns } from "@/lib/ads/collect-ad-metrics";
import { runNowTrigger } from "@/lib/agents/run-now";

/** MKT-205, every 4 hours: insights of every launched campaign per organisation, anomalies notified (lib/ads/collect-ad-metrics.ts). */
export const mkt205CollectAdMetrics = inngest.createFunction(
  { id: "mkt-205-collect-ad-metrics", name: "MKT-205: collect ad metrics", triggers: [{ cron: "TZ=UTC 0 */4 * * *" }, runNowTrigger("MKT-205")], retries: 3, concurrency: { limit: 1 } },
  async ({ step }) => {
    const orgs = await step.run("list-organizations", () => listOrganizationsWithLiveCampaigns());
    let rows = 0;
    for (const organizationId of orgs) {
      const r = await step.run(`collect-${organizationId}`, async () => {
        const res = await collectAdMetrics({ organizationId });
        return { rows: res.rows, anomalies: res.anomalies.length };
      });
      rows += r.rows;
    }
    return { organizations: orgs.length, rows };
  },
);

/**
 * MKT-205 for a campaign that just went live (ads/campaign.launched): its first insights at once, so
 * its page shows the first day's figures and chart without waiting for the next 4-hour round.
 */
export const mkt205FirstMetrics = inngest.createFunction(
  { id: "mkt-205-first-metrics", name: "MKT-205: first metrics of a launched campaign", triggers: [adsCampaignLaunched], retries: 3, idempotency: "event.data.campaignId" },
  async ({ event, step }) => {
    const { organizationId, campaignId } = event.data;
    return step.run("collect", async () => {
      const res = await collectAdMetrics({ organizationId, campaignId });
      return { campaigns: res.campaigns, rows: res.rows, anomalies: res.anomalies.length };
    });
  },
);
