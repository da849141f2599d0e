import { inngest } from "@/inngest/client";
import { leadBookingRequested, leadEscalationRequested, leadMessageDecided, leadReplyClassified, leadReplyReceived } from "@/inngest/events";
import { failPermanently } from "@/inngest/functions/content-flywheel/permanent-error";
import { getMessageStatus, expireDraft } from "@/lib/leads/nurture/message-state";
import { classifyReply } from "@/lib/leads/replies/classify-reply";
import { draftObjectionAnswer } from "@/lib/leads/replies/draft-objection-answer";
import { prepareReply } from "@/lib/leads/replies/prepare-reply";
import { recordClassifiedReply } from "@/lib/leads/replies/record-classified-reply";
import { sendReplyAnswer } from "@/lib/leads/replies/send-reply-answer";
import { markReplyFailed } from "@/lib/leads/replies/stuck-replies";
import { DECISION_WAIT, DECISION_WAITS } from "./mkt-303-nurture-lead";

/** A reply or lead deleted meanwhile, or an email the provider does not know, will not appear by retrying. */
const permanent = failPermanently(["not_found"]);

/**
 * MKT-304, on lead/reply.received (a reply stored raw by /api/webhooks/email-inbound or the Meta
 * callback): fetch the email's text from the provider and find the lead (none: UNMATCHED, done);
 * classify it (model, schema-checked; rules when the model fails); record it on the timeline with the
 * stop/continue of the sequence in one transaction; then route by intent — ready_to_buy:
 * lead/booking.requested (MKT-305); escalate: lead/escalation.requested (MKT-306); objection: an
 * answer drafted, a person's yes on that version (lead/message.decided, like MKT-303's drafts), then
 * sent; the sequence goes on. The reply's words never choose anything but its own classification.
 */
export const mkt304ProcessReply = inngest.createFunction(
  {
    id: "mkt-304-process-reply",
    name: "MKT-304: classify and route a lead's reply",
    triggers: [leadReplyReceived],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 10 },
    // A last failure keeps the reply FAILED with its error: the Leads page lists it with "Re-process".
    onFailure: async ({ event, error, step }) => {
      const data = event.data.event.data as { organizationId: string; replyId: string };
      await step.run("mark-failed", () => markReplyFailed({ organizationId: data.organizationId, replyId: data.replyId, message: error.message }));
    },
  },
  async ({ event, step, runId }) => {
    const { organizationId, replyId } = event.data;
    const prepared = await step.run("prepare", () => prepareReply({ organizationId, replyId }).catch(permanent));
    if (!prepared.leadId) return { matched: false };
    const classification = await step.run("classify", () => classifyReply({ organizationId, replyId, idempotencyKey: `${runId}:classify` }).catch(permanent));
    const r = await step.run("record", () => recordClassifiedReply({ organizationId, replyId, classification }).catch(permanent));
    await step.sendEvent("emit-classified", leadReplyClassified.create({ organizationId, leadId: r.leadId, replyId, interactionId: r.interactionId, intent: r.intent, sentiment: r.sentiment, route: r.route }, { id: `lead-reply-classified:${replyId}` }));
    if (r.route === "booking") {
      await step.sendEvent("emit-booking-requested", leadBookingRequested.create({ organizationId, leadId: r.leadId, reason: "ready_to_buy", replyId: r.interactionId }, { id: `lead-booking-requested:${r.interactionId}` }));
    } else if (r.route === "escalate") {
      await step.sendEvent("emit-escalation-requested", leadEscalationRequested.create({ organizationId, leadId: r.leadId, reason: "reply", interactionId: r.interactionId }, { id: `lead-escalation-requested:${r.interactionId}` }));
    } else if (r.route === "answer") {
      const draft = await step.run("draft-answer", () => draftObjectionAnswer({ organizationId, replyInteractionId: r.interactionId, idempotencyKey: `${runId}:answer` }).catch(permanent));
      let status = draft.status;
      // The answer waits for a person's yes like a sequence message: re-read, then wait in chunks, for 7 days at most.
      for (let i = 0; i < DECISION_WAITS && status === "DRAFT"; i++) {
        status = await step.run(`answer-check-${i}`, () => getMessageStatus({ organizationId, interactionId: draft.interactionId }));
        if (status !== "DRAFT") break;
        const decided = await step.waitForEvent(`answer-decision-${i}`, { event: leadMessageDecided, timeout: DECISION_WAIT, if: `async.data.interactionId == '${draft.interactionId}'` });
        if (decided) status = decided.data.decision === "APPROVED" ? "QUEUED" : "BLOCKED";
      }
      if (status === "DRAFT") await step.run("answer-expire", () => expireDraft({ organizationId, interactionId: draft.interactionId }));
      if (status === "QUEUED") {
        const sent = await step.run("send-answer", () => sendReplyAnswer({ organizationId, interactionId: draft.interactionId }).catch(permanent));
        return { matched: true, intent: r.intent, route: r.route, answer: sent.outcome };
      }
    }
    return { matched: true, intent: r.intent, route: r.route };
  },
);
