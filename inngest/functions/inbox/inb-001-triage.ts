import { inngest } from "@/inngest/client";
import { inboxCommentReceived, inboxMessageReceived } from "@/inngest/events";
import { sendAutomaticReply } from "@/lib/inbox/send-reply";
import { triageComment, triageConversation } from "@/lib/inbox/triage/triage-inbox";

/**
 * Inbox triage of direct messages (seed 003), on inbox/message.received, debounced 5 s per
 * conversation: a burst of messages a few seconds apart is triaged together (the run reads every
 * untriaged inbound message of the conversation). Rules, then similarity to examples, then the AI;
 * an AUTO_REPLY is sent through sendInboxReply, which refuses it when the AI control is off.
 */
export const inb001TriageMessages = inngest.createFunction(
  {
    id: "inb-001-triage-messages",
    name: "INB-001: triage direct messages",
    triggers: [inboxMessageReceived],
    debounce: { key: "event.data.conversationId", period: "5s", timeout: "30s" },
    concurrency: { key: "event.data.organizationId", limit: 5 },
    retries: 3,
  },
  async ({ event, step, runId }) => {
    const { organizationId, conversationId } = event.data;
    const r = await step.run("triage", () => triageConversation({ organizationId, conversationId, idempotencyKey: `${runId}:triage` }));
    if (!r) return { triaged: 0 };
    const reply = await step.run("auto-reply", () => sendAutomaticReply({ organizationId, triage: r }));
    return { action: r.action, decisionId: r.decisionId, ...reply };
  },
);

/** Inbox triage of a comment under our posts, on inbox/comment.received (each comment on its own). */
export const inb001TriageComment = inngest.createFunction(
  {
    id: "inb-001-triage-comment",
    name: "INB-001: triage a comment",
    triggers: [inboxCommentReceived],
    concurrency: { key: "event.data.organizationId", limit: 5 },
    idempotency: "event.data.commentId",
    retries: 3,
  },
  async ({ event, step, runId }) => {
    const { organizationId, commentId } = event.data;
    const r = await step.run("triage", () => triageComment({ organizationId, commentId, idempotencyKey: `${runId}:triage` }));
    if (!r) return { triaged: 0 };
    const reply = await step.run("auto-reply", () => sendAutomaticReply({ organizationId, triage: r, commentId }));
    return { action: r.action, decisionId: r.decisionId, ...reply };
  },
);
