import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { INBOX_PLATFORMS, INBOX_STATUSES, TRIAGE_ACTIONS } from "./schemas";

/** Social inbox (issue 15, seed 003): conversations, replies, triage rules, the AI control switch, the X receiver. */
const tag = "Inbox";

const platform = z.enum(INBOX_PLATFORMS);
const triage = z.enum(TRIAGE_ACTIONS).nullable();

export const conversationSummaryDto = z
  .object({
    id: z.string(),
    platform,
    contactName: z.string().nullable(),
    contactHandle: z.string().nullable(),
    status: z.enum([...INBOX_STATUSES, "ESCALATED"]),
    triage,
    assignedToId: z.string().nullable(),
    assignedToName: z.string().nullable(),
    unreadCount: z.number().int(),
    lastMessageAt: isoDateTime().nullable(),
    preview: z.string(),
    previewKind: z.enum(["message", "comment"]).nullable(),
    windowExpiresAt: isoDateTime().nullable(),
  })
  .meta({ id: "InboxConversationSummary" });
export type ConversationSummaryDto = z.infer<typeof conversationSummaryDto>;

export const timelineItemDto = z
  .object({
    id: z.string(),
    kind: z.enum(["message", "comment"]),
    direction: z.enum(["INBOUND", "OUTBOUND"]),
    author: z.enum(["CONTACT", "MEMBER", "AI", "SYSTEM"]),
    authorName: z.string().nullable(),
    text: z.string().nullable(),
    status: z.string(),
    triage,
    triageConfidence: z.number().nullable(),
    triageReason: z.string().nullable(),
    suggestedReply: z.string().nullable(),
    at: isoDateTime(),
  })
  .meta({ id: "InboxTimelineItem" });
export type TimelineItemDto = z.infer<typeof timelineItemDto>;

export const inboxNoteDto = z.object({ id: z.string(), authorName: z.string().nullable(), text: z.string(), createdAt: isoDateTime() }).meta({ id: "InboxNote" });
export const savedReplyDto = z.object({ id: z.string(), title: z.string(), text: z.string() }).meta({ id: "SavedReply" });
export type SavedReplyDto = z.infer<typeof savedReplyDto>;
export const memberOptionDto = z.object({ id: z.string(), name: z.string() });

export const conversationDetailDto = z
  .object({
    conversation: conversationSummaryDto.extend({ aiEnabled: z.boolean(), dm: z.boolean() }),
    items: z.array(timelineItemDto),
    notes: z.array(inboxNoteDto),
    members: z.array(memberOptionDto),
  })
  .meta({ id: "InboxConversation" });
export type ConversationDetailDto = z.infer<typeof conversationDetailDto>;

export const triageRuleDto = z
  .object({
    id: z.string(),
    name: z.string(),
    action: z.enum(TRIAGE_ACTIONS),
    appliesTo: z.array(z.enum(["DIRECT_MESSAGE", "COMMENT"])),
    platforms: z.array(platform),
    keywords: z.array(z.string()),
    patterns: z.array(z.string()),
    examples: z.array(z.string()),
    similarityMin: z.number(),
    confidenceMin: z.number().nullable(),
    replyTemplate: z.string().nullable(),
    enabled: z.boolean(),
    priority: z.number().int(),
  })
  .meta({ id: "TriageRule" });
export type TriageRuleDto = z.infer<typeof triageRuleDto>;

export const aiControlDto = z.object({ enabled: z.boolean(), changedAt: isoDateTime().nullable(), changedByName: z.string().nullable() }).meta({ id: "AiControl" });
export type AiControlDto = z.infer<typeof aiControlDto>;

export const xWebhookCrcEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/webhooks/x",
  tag,
  access: "signature",
  summary: "X Account Activity CRC: crc_token -> { response_token: 'sha256=' + base64(HMAC-SHA256(consumer secret, crc_token)) }",
  produces: "raw",
  contentType: "application/json",
});

export const xWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/x",
  tag,
  access: "signature",
  summary: "X Account Activity deliveries (x-twitter-webhooks-signature over the raw body): direct messages and replies to our posts",
  body: z.looseObject({ for_user_id: z.string() }),
  response: z.object({ received: z.number().int(), handled: z.number().int(), ignored: z.number().int() }),
});
