import { inngest } from "@/inngest/client";
import { collectAdMetrics, listOrganizationsWithLiveCampaigns } from "@/lib/ads/collect-ad-metrics";

/** MKT-205, every 4 hours: insights of every launched campaign per organisation, anomalies notified (lib/ads/collect-ad-metrics.ts). */
export const mkt205CollectAdMetrics = inngest.createFunction(
  { id: "mkt-205-collect-ad-metrics", name: "MKT-205: collect ad metrics", triggers: [{ cron: "TZ=UTC 0 */4 * * *" }], retries: 3, concurrency: { limit: 1 } },
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
