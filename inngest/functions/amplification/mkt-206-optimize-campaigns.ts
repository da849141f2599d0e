import { inngest } from "@/inngest/client";
import { adsPerformanceInsight, approvalDecided } from "@/inngest/events";
import { settleApprovedOptimization } from "@/lib/ads/apply-optimization";
import { claimDailyRuns, finishDailyRun } from "@/lib/ads/daily-runs";
import { optimizeCampaigns } from "@/lib/ads/optimize-campaigns";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-206, an hourly tick that runs each organisation once a day from 10:00 in its time zone: the
 * explicit rules, each action applied (auto-apply on) or queued for approval, emitted as
 * ads/performance.insight. The optimise step's decisions carry its run key, so a replay of that step
 * carries them on (applied or queued, and emitted) instead of skipping them as already decided.
 */
export const mkt206OptimizeCampaigns = inngest.createFunction(
  { id: "mkt-206-optimize-campaigns", name: "MKT-206: optimise campaigns", triggers: [{ cron: "TZ=UTC 0 * * * *" }, runNowTrigger("MKT-206")], retries: 3, concurrency: { limit: 1 } },
  async ({ step, runId }) => {
    const due = await step.run("claim-organizations", () => claimDailyRuns({ job: "mkt-206", hour: 10, runKey: `${runId}:claim-organizations` }));
    let actions = 0;
    for (const { organizationId, localDate } of due) {
      const outcomes = await step.run(`optimize-${organizationId}`, () => optimizeCampaigns({ organizationId, runKey: `${runId}:optimize-${organizationId}`, aiKey: runId }));
      actions += outcomes.length;
      if (outcomes.length)
        await step.sendEvent(
          `insights-${organizationId}`,
          outcomes.map((o) => adsPerformanceInsight.create({ organizationId, campaignId: o.campaignId, decisionId: o.decisionId, rule: o.rule, action: o.action, status: o.status }, { id: `performance-insight-${o.decisionId}` })),
        );
      await step.run(`finish-${organizationId}`, () => finishDailyRun({ organizationId, job: "mkt-206", localDate, summary: { actions: outcomes.length } }));
    }
    return { organizations: due.length, actions };
  },
);

/** MKT-206 with auto-apply off: a human decision on a queued action applies it (approved) or drops it (rejected). */
export const mkt206ApplyDecidedAction = inngest.createFunction(
  { id: "mkt-206-apply-decided-action", name: "MKT-206: apply an approved optimisation", triggers: [{ event: approvalDecided, if: "event.data.decision != 'CHANGES_REQUESTED'" }], retries: 3, idempotency: "event.data.approvalRequestId" },
  async ({ event, step }) => {
    const { organizationId, approvalRequestId } = event.data;
    const applied = await step.run("settle", () => settleApprovedOptimization({ organizationId, approvalRequestId }));
    return { approvalRequestId, applied };
  },
);
