import { inngest } from "@/inngest/client";
import { notifyDeadLetters } from "@/lib/agents/dead-letters";
import { sweepDeadLetters } from "@/lib/agents/messages";

/**
 * Hourly: agent messages unconsumed after 24 h become dead letters (lib/agents/messages.ts); each
 * organisation's owners and admins are told, and each message is re-sent once. The claim and the
 * re-send are separate steps: a retried run does not claim again (memoized) and the re-sent event's id
 * (`~resend-1`) is the same, so the engine never delivers it twice. The claimed rows carry the step's
 * `<runId>:sweep`, so a replay of the sweep step (a crash after its commit, before its checkpoint)
 * answers them again and the alert and the re-send still go out.
 */
export const sys004DeadLetters = inngest.createFunction(
  { id: "sys-004-dead-letters", name: "System: agent messages unconsumed after 24 h (dead letters)", triggers: [{ cron: "TZ=UTC 20 * * * *" }], concurrency: { limit: 1 } },
  async ({ step, runId }) => {
    const swept = await step.run("sweep", () => sweepDeadLetters({ sweepRunId: `${runId}:sweep` }));
    for (const o of swept.deadLettered) await step.run(`alert-${o.organizationId}`, () => notifyDeadLetters(o));
    if (swept.resend.length) await step.sendEvent("resend", swept.resend.map((r) => r.event) as never);
    return { deadLettered: swept.deadLettered.reduce((n, o) => n + o.count, 0), resent: swept.resend.length };
  },
);
