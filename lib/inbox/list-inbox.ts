import "server-only";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

export type InboxItemDto = { id: string; kind: "message" | "comment"; platform: Platform; author: string; text: string; status: string; triage: string | null; at: string; unread: number };

/** Conversations (DMs) and comments, newest first, merged into one stream. */
export async function listInbox(opts: { organizationId: string; take?: number }): Promise<InboxItemDto[]> {
  const take = Math.min(opts.take ?? 40, 100);
  const [conversations, comments] = await Promise.all([
    db().conversation.findMany({
      where: { organizationId: opts.organizationId },
      orderBy: { lastMessageAt: { sort: "desc", nulls: "last" } },
      take,
      select: { id: true, platform: true, contactName: true, contactHandle: true, status: true, unreadCount: true, lastMessageAt: true, updatedAt: true, messages: { orderBy: { createdAt: "desc" }, take: 1, select: { text: true } } },
    }),
    db().comment.findMany({
      where: { organizationId: opts.organizationId, isOwn: false },
      orderBy: { postedAt: "desc" },
      take,
      select: { id: true, platform: true, authorName: true, text: true, status: true, triage: true, postedAt: true },
    }),
  ]);
  const items: InboxItemDto[] = [
    ...conversations.map((c) => ({
      id: c.id,
      kind: "message" as const,
      platform: c.platform,
      author: c.contactName ?? c.contactHandle ?? "—",
      text: c.messages[0]?.text ?? "",
      status: c.status,
      triage: null,
      at: (c.lastMessageAt ?? c.updatedAt).toISOString(),
      unread: c.unreadCount,
    })),
    ...comments.map((c) => ({ id: c.id, kind: "comment" as const, platform: c.platform, author: c.authorName ?? "—", text: c.text, status: c.status, triage: c.triage, at: c.postedAt.toISOString(), unread: 0 })),
  ];
  return items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, take);
}
