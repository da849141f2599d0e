import "server-only";
import { db } from "@/lib/db/client";
import type { LeadIntent, RecommendedAction, Sentiment } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { recordLeadReply } from "@/lib/leads/nurture/record-reply";
import type { ReplyRoute, StoredClassification } from "./schemas";

export type RecordedReply = { interactionId: string; leadId: string; intent: LeadIntent; sentiment: Sentiment; route: ReplyRoute };

/** Seed 000 MKT-304's switch: what happens after a reply of each intent. */
export function routeOf(intent: LeadIntent): ReplyRoute {
  switch (intent) {
    case "READY_TO_BUY":
      return "booking";
    case "OBJECTION":
      return "answer";
    case "ESCALATE":
      return "escalate";
    case "UNSUBSCRIBE":
    case "NOT_INTERESTED":
      return "stopped";
    default:
      return "continue";
  }
}

/**
 * MKT-304: the classified reply on the lead's timeline (sentiment, intent, objections, action) and the
 * lead_replies row marked processed, in one transaction (recordLeadReply); the sequence stops or goes on
 * by intent there (a STOP is honoured whatever the model said). Returns the route the run follows.
 */
export async function recordClassifiedReply(opts: { organizationId: string; replyId: string; classification: StoredClassification }): Promise<RecordedReply> {
  const reply = await db().leadReply.findFirst({ where: { id: opts.replyId, organizationId: opts.organizationId } });
  if (!reply?.leadId) throw notFound("lead");
  const c = opts.classification;
  const out = await recordLeadReply({
    organizationId: opts.organizationId,
    leadId: reply.leadId,
    channel: reply.channel === "WHATSAPP" ? "WHATSAPP" : "EMAIL",
    body: reply.body ?? "",
    subject: reply.subject,
    providerMessageId: reply.messageId,
    intent: c.intent.toUpperCase() as LeadIntent,
    analysis: { replyId: reply.id, sentiment: c.sentiment.toUpperCase() as Sentiment, objections: c.objections, recommendedAction: c.recommendedAction.toUpperCase() as RecommendedAction, classification: c },
    now: reply.receivedAt,
  });
  const intent = out.intent ?? "INTERESTED";
  return { interactionId: out.interactionId, leadId: reply.leadId, intent, sentiment: c.sentiment.toUpperCase() as Sentiment, route: routeOf(intent) };
}
