import { inngest } from "@/inngest/client";
import { leadEscalated, leadEscalationRequested } from "@/inngest/events";
import { failPermanently } from "@/inngest/functions/content-flywheel/permanent-error";
import { briefEscalation } from "@/lib/leads/escalation/brief-escalation";
import { escalateLead } from "@/lib/leads/escalation/escalate-lead";
import { notifyEscalation } from "@/lib/leads/escalation/notify-escalation";

/** A lead deleted meanwhile, or an organisation without owner or admin, will not change by retrying. */
const permanent = failPermanently(["not_found"]);

/**
 * MKT-306, on lead/escalation.requested (MKT-304's escalate intent; other conditions may send it): the
 * AI's summary and recommendations from the lead's full context, then in one transaction the lead
 * becomes an OPPORTUNITY owned by its salesperson (assigned when it had none) with its sequences
 * stopped, then the salesperson is notified (in-app, email, Slack when configured) and lead/escalated
 * is sent. Each step is safe to re-run: the escalation is keyed by its cause, the notification deduped.
 */
export const mkt306EscalateLead = inngest.createFunction(
  {
    id: "mkt-306-escalate-lead",
    name: "MKT-306: hand a lead to a salesperson",
    triggers: [leadEscalationRequested],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 10 },
  },
  async ({ event, step, runId }) => {
    const { organizationId, leadId, reason, interactionId } = event.data;
    const brief = await step.run("brief", () => briefEscalation({ organizationId, leadId, interactionId, idempotencyKey: `${runId}:brief` }).catch(permanent));
    const escalated = await step.run("escalate", () => escalateLead({ organizationId, leadId, interactionId, reason, brief }).catch(permanent));
    await step.run("notify", () => notifyEscalation({ organizationId, escalationId: escalated.escalationId }));
    await step.sendEvent("emit-escalated", leadEscalated.create({ organizationId, leadId, escalationId: escalated.escalationId, assignedToId: escalated.assignedToId }, { id: `lead-escalated:${escalated.escalationId}` }));
    return escalated;
  },
);
