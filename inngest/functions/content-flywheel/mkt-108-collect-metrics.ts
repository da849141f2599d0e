import { inngest } from "@/inngest/client";
import { contentMetricsCollected } from "@/inngest/events";
import { collectMetrics, listOrganizationsToMeasure } from "@/lib/analytics/metrics/collect-metrics";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-108, every 2 hours: one step per organisation (each safe to re-run: snapshots are upserted per
 * 2-hour slot), then one content/metrics.collected per organisation that got snapshots.
 */
export const mkt108CollectMetrics = inngest.createFunction(
  { id: "mkt-108-collect-metrics", name: "MKT-108 Collect content metrics", triggers: [{ cron: "TZ=UTC 0 */2 * * *" }, runNowTrigger("MKT-108")], retries: 3, concurrency: { limit: 1 } },
  async ({ step }) => {
    const orgs = await step.run("list-organizations", () => listOrganizationsToMeasure());
    const rounds = [];
    for (const organizationId of orgs) {
      rounds.push(await step.run(`collect-${organizationId}`, async () => ({ organizationId, ...(await collectMetrics({ organizationId })) })));
    }
    const events = rounds
      .filter((r) => r.publicationIds.length > 0)
      .map((r) => contentMetricsCollected.create({ organizationId: r.organizationId, publicationIds: r.publicationIds, capturedAt: r.capturedAt }, { id: `metrics-${r.organizationId}-${r.capturedAt}` }));
    if (events.length) await step.sendEvent("emit-metrics-collected", events);
    return { organizations: orgs.length, snapshots: rounds.reduce((n, r) => n + r.publicationIds.length, 0), failed: rounds.reduce((n, r) => n + r.failed.length, 0) };
  },
);
