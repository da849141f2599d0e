import "server-only";
import { connectors } from "@/lib/connectors/registry";
import { platformKeyOf, type PlatformEnum } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { ConversationDetailDto, TimelineItemDto } from "./contracts";
import { memberNames, SUMMARY_SELECT, summaryOf } from "./list-conversations";

/** One conversation with its messages and comments in time order (their latest triage and its reason), notes and members. Reading it marks it read. */
export async function getConversation(opts: { organizationId: string; conversationId: string }): Promise<ConversationDetailDto> {
  const conv = await db().conversation.findFirst({ where: { id: opts.conversationId, organizationId: opts.organizationId }, select: { ...SUMMARY_SELECT, aiEnabled: true, contactExternalId: true } });
  if (!conv) throw notFound("conversation");
  const [messages, comments, notes, names] = await Promise.all([
    db().conversationMessage.findMany({
      where: { conversationId: conv.id, organizationId: opts.organizationId },
      orderBy: { sentAt: "asc" },
      take: 200,
      select: { id: true, direction: true, author: true, authorUserId: true, text: true, status: true, triage: true, triageConfidence: true, sentAt: true, triageDecisions: { orderBy: { createdAt: "desc" }, take: 1, select: { reason: true, suggestedReply: true } } },
    }),
    db().comment.findMany({
      where: { conversationId: conv.id, organizationId: opts.organizationId },
      orderBy: { postedAt: "asc" },
      take: 200,
      select: { id: true, isOwn: true, authorName: true, text: true, status: true, triage: true, postedAt: true, triageDecisions: { orderBy: { createdAt: "desc" }, take: 1, select: { reason: true, confidence: true, suggestedReply: true } } },
    }),
    db().inboxNote.findMany({ where: { conversationId: conv.id, organizationId: opts.organizationId }, orderBy: { createdAt: "asc" }, take: 100, select: { id: true, authorId: true, text: true, createdAt: true } }),
    memberNames(opts.organizationId),
  ]);
  if (conv.unreadCount > 0) await db().conversation.updateMany({ where: { id: conv.id, organizationId: opts.organizationId }, data: { unreadCount: 0 } });
  const items: TimelineItemDto[] = [
    ...messages.map((m) => ({
      id: m.id,
      kind: "message" as const,
      direction: m.direction,
      author: m.author,
      authorName: m.direction === "INBOUND" ? (conv.contactName ?? conv.contactHandle) : m.authorUserId ? (names.get(m.authorUserId) ?? null) : null,
      text: m.text,
      status: m.status,
      triage: m.triage,
      triageConfidence: m.triageConfidence,
      triageReason: m.triageDecisions[0]?.reason ?? null,
      suggestedReply: m.triageDecisions[0]?.suggestedReply ?? null,
      at: m.sentAt.toISOString(),
    })),
    ...comments.map((c) => ({
      id: c.id,
      kind: "comment" as const,
      direction: c.isOwn ? ("OUTBOUND" as const) : ("INBOUND" as const),
      author: c.isOwn ? ("MEMBER" as const) : ("CONTACT" as const),
      authorName: c.authorName,
      text: c.text,
      status: c.status,
      triage: c.triage,
      triageConfidence: c.triageDecisions[0]?.confidence ?? null,
      triageReason: c.triageDecisions[0]?.reason ?? null,
      suggestedReply: c.triageDecisions[0]?.suggestedReply ?? null,
      at: c.postedAt.toISOString(),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const dm = connectors.sandbox(platformKeyOf(conv.platform as PlatformEnum) as never).capabilities.dm && !conv.contactExternalId.startsWith("comment:");
  return {
    conversation: { ...summaryOf({ ...conv, unreadCount: 0 }, names), aiEnabled: conv.aiEnabled, dm },
    items,
    notes: notes.map((n) => ({ id: n.id, authorName: n.authorId ? (names.get(n.authorId) ?? null) : null, text: n.text, createdAt: n.createdAt.toISOString() })),
    members: [...names.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
