import { z } from "zod";

/** Inputs of the social inbox API (strict: unknown fields are errors). */
export const INBOX_FILTERS = ["auto", "escalated", "ignored", "unassigned", "mine"] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];
export const INBOX_STATUSES = ["OPEN", "PENDING", "CLOSED"] as const;
export const TRIAGE_ACTIONS = ["IGNORE", "ESCALATE", "AUTO_REPLY"] as const;
export const INBOX_PLATFORMS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X", "WHATSAPP"] as const;

export const listConversationsSchema = z
  .object({
    filter: z.enum(INBOX_FILTERS).optional(),
    status: z.enum(INBOX_STATUSES).optional(),
    q: z.string().trim().max(100).optional(),
    /** Opaque keyset cursor from the previous page's `nextCursor`. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
export type ListConversationsInput = z.infer<typeof listConversationsSchema>;

export const replySchema = z
  .object({
    text: z.string().trim().min(1).max(2000),
    /** Answer this comment publicly instead of a direct message. */
    commentId: z.string().max(100).optional(),
    /** WhatsApp outside the 24-hour window: an approved template. */
    template: z.object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) }).strict().optional(),
  })
  .strict();
export type ReplyInput = z.infer<typeof replySchema>;

export const updateConversationSchema = z
  .object({ status: z.enum(INBOX_STATUSES).optional(), assignedToId: z.string().max(100).nullable().optional() })
  .strict();
export type UpdateConversationInput = z.infer<typeof updateConversationSchema>;

export const noteSchema = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
export const savedReplySchema = z.object({ title: z.string().trim().min(1).max(80), text: z.string().trim().min(1).max(2000) }).strict();

const words = z.array(z.string().trim().min(1).max(100)).max(50);
export const triageRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    action: z.enum(TRIAGE_ACTIONS),
    appliesTo: z.array(z.enum(["DIRECT_MESSAGE", "COMMENT"])).min(1).max(2).optional(),
    platforms: z.array(z.enum(INBOX_PLATFORMS)).max(6).optional(),
    keywords: words.optional(),
    patterns: z.array(z.string().min(1).max(300)).max(20).optional(),
    examples: z.array(z.string().trim().min(1).max(500)).max(20).optional(),
    similarityMin: z.number().min(0.3).max(1).optional(),
    confidenceMin: z.number().min(0).max(1).nullable().optional(),
    replyTemplate: z.string().trim().max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
    priority: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type TriageRuleInput = z.infer<typeof triageRuleSchema>;
export const updateTriageRuleSchema = triageRuleSchema.partial().strict();

export const aiControlSchema = z.object({ enabled: z.boolean() }).strict();
