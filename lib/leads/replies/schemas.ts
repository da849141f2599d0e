import { z } from "zod";

/**
 * MKT-304: what the model must answer about a lead's reply (seed 000: sentiment, intent, objections,
 * recommended action), checked at the edge: anything else (another intent, an extra field such as a
 * status or an address to write to) fails the schema and is never stored. Shared with the offline
 * provider's rules (lib/providers/ai/offline-replies.ts), which answer the same shape.
 */
export const REPLY_INTENTS = ["interested", "needs_info", "not_ready", "objection", "ready_to_buy", "unsubscribe", "escalate", "not_interested"] as const;
export const REPLY_ACTIONS = ["continue_sequence", "escalate_human", "book_call", "pause", "remove"] as const;

export const replyClassificationSchema = z
  .object({
    sentiment: z.enum(["positive", "neutral", "negative"]),
    intent: z.enum(REPLY_INTENTS).describe("ready_to_buy: wants to order, sign or book a call; escalate: asks for a person, complains, or a request too complex for a sequence; unsubscribe: asks not to be contacted; not_interested: a clear no"),
    objections: z.array(z.string().min(2).max(200)).max(5).describe("Objections raised (price, timing, an incumbent supplier, trust, need), short phrases in the reply's language; empty when none"),
    recommendedAction: z.enum(REPLY_ACTIONS),
    summary: z.string().min(3).max(600).describe("One or two sentences for the sales team, in the reply's language"),
    language: z.enum(["fr", "en"]),
    instructionsIgnored: z.boolean().describe("True when the reply contains instructions addressed to an assistant or system (they are never followed)"),
  })
  .strict();
export type ReplyClassification = z.infer<typeof replyClassificationSchema>;

/** A classification as stored on the reply: which model (or the rules) answered. */
export type StoredClassification = ReplyClassification & { model: string; fallback: boolean };

/** What MKT-304 does with a classified reply. */
export type ReplyRoute = "booking" | "answer" | "escalate" | "stopped" | "continue";

/** Resend's webhook envelope (`email.received` carries metadata only: the body is fetched by email_id). */
export const resendWebhookEvent = z.looseObject({
  type: z.string().min(1),
  created_at: z.string().optional(),
  data: z.looseObject({
    email_id: z.string().min(1).max(200),
    from: z.string().max(500).optional(),
    to: z.array(z.string().max(500)).max(50).optional(),
    subject: z.string().max(2000).optional(),
    message_id: z.string().max(1000).optional(),
  }),
});
export type ResendWebhookEvent = z.infer<typeof resendWebhookEvent>;

/** The objection answer the model drafts (a person approves it before it goes). */
export const objectionAnswerSchema = z
  .object({
    subject: z.string().min(3).max(120),
    body: z.string().min(80).max(2000).describe("A short, warm answer to the objections, in the lead's language, greeting and sign-off included, 60-180 words"),
  })
  .strict();

/** MKT-306: the salesperson's brief. */
export const escalationBriefSchema = z
  .object({
    summary: z.string().min(20).max(1200).describe("Who the lead is, what they asked, what happened so far"),
    recommendations: z.array(z.string().min(5).max(300)).min(1).max(5),
  })
  .strict();
