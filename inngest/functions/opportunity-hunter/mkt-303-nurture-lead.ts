import { inngest } from "@/inngest/client";
import { leadMessageDecided, leadMessageSent, leadQualified } from "@/inngest/events";
import { failPermanently } from "@/inngest/functions/content-flywheel/permanent-error";
import { enrollLead } from "@/lib/leads/nurture/enroll-lead";
import { completeEnrollment, expireDraft, getMessageStatus } from "@/lib/leads/nurture/message-state";
import { sendStepMessage } from "@/lib/leads/nurture/send-step-message";
import { sendWindowOf } from "@/lib/leads/nurture/send-window";
import { writeStepMessage } from "@/lib/leads/nurture/write-step-message";

/** A lead or step deleted meanwhile will not appear by retrying. */
const permanent = failPermanently(["not_found"]);

/** A draft waits for its human decision in chunks of a day, re-reading it between waits, for 7 days at most. */
// 6-hour chunks for 7 days: a decision that lands between the re-read and the wait's registration (the
// event arrives before anyone waits for it) is picked up by the next chunk's re-read, at most 6 h late.
export const DECISION_WAIT = "6h";
export const DECISION_WAITS = 28;

/**
 * MKT-303, on lead/qualified with route nurture (warm) or long_term (cold, when the organisation has
 * such a sequence): the lead is enrolled in its sequence, then for each step the run sleeps the step's
 * delay durably (step.sleep: days survive restarts), writes the message (AI-personalised, 150-200
 * words, the lead's language; or a person's template), waits for a person's yes on that exact version
 * unless the sequence auto-approves (lead/message.decided), sleeps through the quiet hours of the lead's
 * time zone (20:00-08:00 and Sundays: sendWindowOf), and sends it. sendStepMessage checks the
 * approval, the suppression list and every stop condition itself at send time; lead/enrollment.stopped
 * (reply routed to a stop, booking, unsubscribe, conversion, a person taking over) cancels the run.
 */
export const mkt303NurtureLead = inngest.createFunction(
  {
    id: "mkt-303-nurture-lead",
    name: "MKT-303: nurture sequence of a lead",
    triggers: [{ event: leadQualified, if: "event.data.route == 'nurture' || event.data.route == 'long_term'" }],
    retries: 3,
    cancelOn: [{ event: "lead/enrollment.stopped", match: "data.leadId" }],
    concurrency: { key: "event.data.organizationId", limit: 10 },
  },
  async ({ event, step, runId }) => {
    const { organizationId, leadId, tier, suggestedSequenceId } = event.data;
    const enrolled = await step.run("enroll", () => enrollLead({ organizationId, leadId, tier, suggestedSequenceId, runId }).catch(permanent));
    if (!enrolled.enrolled) return { enrolled: false, reason: enrolled.reason };
    const { enrollmentId } = enrolled;
    let sent = 0;
    for (const s of enrolled.steps) {
      if (s.delayMinutes > 0) await step.sleep(`wait-step-${s.position}`, `${s.delayMinutes}m`);
      const written = await step.run(`write-step-${s.position}`, () => writeStepMessage({ organizationId, enrollmentId, position: s.position, idempotencyKey: `${runId}:write-${s.position}` }).catch(permanent));
      if (written.needsApproval) {
        let status = "DRAFT";
        for (let i = 0; i < DECISION_WAITS && status === "DRAFT"; i++) {
          // Read first: a decision taken before this wait began (its event came too early to be caught) is found here.
          status = await step.run(`check-${s.position}-${i}`, () => getMessageStatus({ organizationId, interactionId: written.interactionId }));
          if (status !== "DRAFT") break;
          const decided = await step.waitForEvent(`decision-${s.position}-${i}`, { event: leadMessageDecided, timeout: DECISION_WAIT, if: `async.data.interactionId == '${written.interactionId}'` });
          if (decided) status = decided.data.decision === "APPROVED" ? "QUEUED" : "BLOCKED";
        }
        if (status === "DRAFT") status = await step.run(`check-${s.position}-final`, () => getMessageStatus({ organizationId, interactionId: written.interactionId }));
        if (status === "DRAFT") await step.run(`expire-${s.position}`, () => expireDraft({ organizationId, interactionId: written.interactionId }));
        if (status !== "QUEUED") continue; // rejected or not decided in time: this step is skipped, the sequence goes on
      }
      // Quiet hours in the lead's time zone (20:00-08:00 and Sundays): a send due then sleeps until the window opens.
      const window = await step.run(`send-window-${s.position}`, () => sendWindowOf({ organizationId, interactionId: written.interactionId }).catch(permanent));
      if (window.opensAt) await step.sleepUntil(`quiet-hours-${s.position}`, window.opensAt);
      const out = await step.run(`send-step-${s.position}`, () => sendStepMessage({ organizationId, interactionId: written.interactionId }).catch(permanent));
      if (out.outcome === "stopped") return { enrolled: true, enrollmentId, sent, stopped: out.reason };
      if (out.outcome === "sent") {
        sent++;
        await step.sendEvent(`emit-sent-${s.position}`, leadMessageSent.create({ organizationId, leadId, enrollmentId, interactionId: out.interactionId, channel: out.channel, position: out.position }, { id: `lead-message-sent:${out.interactionId}` }));
      }
    }
    await step.run("complete", () => completeEnrollment({ organizationId, enrollmentId }));
    return { enrolled: true, enrollmentId, sent };
  },
);
