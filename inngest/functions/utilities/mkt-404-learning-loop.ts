import { inngest } from "@/inngest/client";
import { learningInsightsUpdated } from "@/inngest/events";
import { claimLearningLoop, runLearningLoop } from "@/lib/analytics/learning/run-learning-loop";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-404, daily at 02:00 in each organisation's time zone (every zone's offset is a multiple of 15
 * minutes, so a UTC tick every 15 minutes meets it; claimed once per local date, organisations whose
 * agent is off left out): 30 days of performance -> insights compared with the earlier ones, one step
 * per organisation, then `learning/insights.updated` for each.
 */
export const mkt404LearningLoop = inngest.createFunction(
  { id: "mkt-404-learning-loop", name: "MKT-404: learning loop at 02:00 local", triggers: [{ cron: "TZ=UTC 0,15,30,45 * * * *" }, runNowTrigger("MKT-404")], retries: 3, concurrency: { limit: 1 } },
  async ({ step, runId }) => {
    const due = await step.run("claim-organizations", () => claimLearningLoop({ runKey: `${runId}:claim-organizations` }));
    const results = [];
    for (const d of due) {
      // The outcome and the row's finish commit with the insights; a replay returns them as stored.
      const r = await step.run(`learn-${d.organizationId}`, () => runLearningLoop({ organizationId: d.organizationId, localDate: d.localDate, runKey: `${runId}:learn-${d.organizationId}` }));
      results.push({ ...d, ...r });
    }
    if (results.length > 0)
      await step.sendEvent(
        "insights-updated",
        results.map((r) =>
          learningInsightsUpdated.create(
            { organizationId: r.organizationId, localDate: r.localDate, confirmed: r.confirmed, contradicted: r.contradicted, created: r.created, active: r.active },
            { id: `learning-insights-updated-${r.organizationId}-${r.localDate}` },
          ),
        ),
      );
    return { organizations: results.length };
  },
);
