import { inngest } from "@/inngest/client";
import { claimTopicClustering, finishTopicClustering, runTopicClustering } from "@/lib/inbox/topics/run-topic-clustering";

/**
 * INB-004, daily at 03:00 in each organisation's time zone (seed 003 `cluster_daily`; every zone's
 * offset is a whole number of quarter hours, so a UTC tick every 15 minutes meets it; claimed once per
 * local date): the inbox's messages and comments of 24 hours and 7 days, embedded and clustered, one
 * step per organisation.
 */
export const inb004TopicClusters = inngest.createFunction(
  { id: "inb-004-topic-clusters", name: "INB-004: inbox topics at 03:00 local", triggers: [{ cron: "TZ=UTC 0,15,30,45 * * * *" }], retries: 3, concurrency: { limit: 1 } },
  async ({ step, runId }) => {
    const due = await step.run("claim-organizations", () => claimTopicClustering({ runKey: `${runId}:claim-organizations` }));
    for (const d of due)
      await step.run(`cluster-${d.organizationId}`, async () => {
        const counts = await runTopicClustering({ organizationId: d.organizationId, now: new Date(d.windowEnd), aiKey: `${runId}:cluster-${d.organizationId}` });
        await finishTopicClustering({ organizationId: d.organizationId, localDate: d.localDate, summary: counts });
        return counts;
      });
    return { organizations: due.length };
  },
);
