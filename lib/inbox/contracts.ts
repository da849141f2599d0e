import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { aiControlSchema, INBOX_PLATFORMS, INBOX_STATUSES, listConversationsSchema, noteSchema, replySchema, savedReplySchema, TRIAGE_ACTIONS, triageRuleSchema, updateConversationSchema, updateTriageRuleSchema } from "./schemas";

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

export const listConversationsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/conversations",
  tag,
  access: "org",
  summary: "Conversations (one per contact and account, direct messages and comments), newest activity first, filtered and searched, paged by keyset",
  query: listConversationsSchema,
  response: z.object({ conversations: z.array(conversationSummaryDto), nextCursor: z.string().nullable() }),
});

export const getConversationEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/conversations/{id}",
  tag,
  access: "org",
  summary: "One conversation: its messages and comments with their triage, internal notes, the members it can be assigned to",
  response: conversationDetailDto,
});

export const updateConversationEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/inbox/conversations/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Set a conversation's status (open, pending, closed) or its assignee (a member, or null)",
  body: updateConversationSchema,
  response: z.object({ conversation: z.object({ id: z.string(), status: z.string(), assignedToId: z.string().nullable() }) }),
});

export const replyToConversationEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/inbox/conversations/{id}/reply",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Reply through the platform's connector: a direct message inside the messaging window (a WhatsApp template outside it), or an answer to a comment; the conversation moves to pending",
  body: replySchema,
  status: 201,
  response: z.object({ message: z.object({ id: z.string(), status: z.string(), externalId: z.string().nullable() }) }),
});

export const addInboxNoteEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/inbox/conversations/{id}/notes",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Add an internal note to a conversation (members only, never sent)",
  body: noteSchema,
  status: 201,
  response: z.object({ note: inboxNoteDto }),
});

export const listSavedRepliesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/saved-replies",
  tag,
  access: "org",
  summary: "The team's saved replies, by title",
  response: z.object({ savedReplies: z.array(savedReplyDto) }),
});

export const createSavedReplyEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/inbox/saved-replies",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Save a reply to reuse",
  body: savedReplySchema,
  status: 201,
  response: z.object({ savedReply: savedReplyDto }),
});

export const deleteSavedReplyEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/inbox/saved-replies/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Delete a saved reply",
  produces: "none",
});

export const listTriageRulesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/rules",
  tag,
  access: "org",
  summary: "Triage rules in the order they are evaluated (priority, then creation)",
  response: z.object({ rules: z.array(triageRuleDto) }),
});

export const createTriageRuleEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/inbox/rules",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Add a triage rule (deny = IGNORE, escalate, auto = AUTO_REPLY; keywords, regular expressions, examples, minimum confidence, priority)",
  body: triageRuleSchema,
  status: 201,
  response: z.object({ rule: triageRuleDto }),
});

export const updateTriageRuleEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/inbox/rules/{id}",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Change a triage rule (enable, disable, reorder, edit)",
  body: updateTriageRuleSchema,
  response: z.object({ rule: triageRuleDto }),
});

export const deleteTriageRuleEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/inbox/rules/{id}",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Delete a triage rule (its past decisions keep their reason and snapshot)",
  produces: "none",
});

export const getAiControlEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/ai-control",
  tag,
  access: "org",
  summary: "The organisation's AI control switch: off, no automatic reply is ever sent",
  response: z.object({ aiControl: aiControlDto }),
});

export const setAiControlEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/orgs/{org}/inbox/ai-control",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Switch automatic replies on or off for the whole organisation (owners and admins)",
  body: aiControlSchema,
  response: z.object({ aiControl: aiControlDto }),
});

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
