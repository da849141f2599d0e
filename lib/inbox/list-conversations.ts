import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ConversationSummaryDto } from "./contracts";
import type { ListConversationsInput } from "./schemas";

const FILTER_WHERE = {
  auto: { triage: "AUTO_REPLY" },
  escalated: { triage: "ESCALATE" },
  ignored: { triage: "IGNORE" },
  unassigned: { assignedToId: null },
} as const satisfies Record<string, Prisma.ConversationWhereInput>;

export const SUMMARY_SELECT = {
  id: true,
  platform: true,
  contactName: true,
  contactHandle: true,
  status: true,
  triage: true,
  assignedToId: true,
  unreadCount: true,
  lastMessageAt: true,
  createdAt: true,
  windowExpiresAt: true,
  messages: { orderBy: { sentAt: "desc" }, take: 1, select: { text: true, sentAt: true } },
  comments: { orderBy: { postedAt: "desc" }, take: 1, select: { text: true, postedAt: true } },
} satisfies Prisma.ConversationSelect;
type SummaryRow = Prisma.ConversationGetPayload<{ select: typeof SUMMARY_SELECT }>;

export function summaryOf(c: SummaryRow, names: Map<string, string>): ConversationSummaryDto {
  const m = c.messages[0];
  const cm = c.comments[0];
  const useComment = !!cm && (!m || cm.postedAt > m.sentAt);
  return {
    id: c.id,
    platform: c.platform as ConversationSummaryDto["platform"],
    contactName: c.contactName,
    contactHandle: c.contactHandle,
    status: c.status,
    triage: c.triage,
    assignedToId: c.assignedToId,
    assignedToName: c.assignedToId ? (names.get(c.assignedToId) ?? null) : null,
    unreadCount: c.unreadCount,
    lastMessageAt: (c.lastMessageAt ?? c.createdAt).toISOString(),
    preview: (useComment ? cm?.text : m?.text) ?? "",
    previewKind: useComment ? "comment" : m ? "message" : null,
    windowExpiresAt: c.windowExpiresAt?.toISOString() ?? null,
  };
}

export async function memberNames(organizationId: string): Promise<Map<string, string>> {
  const members = await db().membership.findMany({ where: { organizationId }, select: { user: { select: { id: true, name: true, email: true } } } });
  return new Map(members.map((m) => [m.user.id, m.user.name ?? m.user.email]));
}

const encode = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
function decode(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime())) {
    const field = "query.cursor";
    throw new AppError("validation", "validation.summary", { field, issues: [{ field, code: "invalid", key: "validation.invalid" }] });
  }
  return { at, id };
}

/**
 * The inbox list: one row per conversation (a contact on one account, DMs and comments), newest
 * activity first, keyset-paged on (lastMessageAt, id) (`conversations_organizationId_lastMessageAt_id_idx`).
 * Filters: Auto / Escalated / Ignored (the conversation's latest triage), Unassigned, Mine; status;
 * search in the contact's name and handle and in the messages' and comments' text.
 */
export async function listConversations(opts: { organizationId: string; userId: string | null } & ListConversationsInput): Promise<{ conversations: ConversationSummaryDto[]; nextCursor: string | null }> {
  const take = opts.limit ?? 25;
  const and: Prisma.ConversationWhereInput[] = [{ organizationId: opts.organizationId }, { lastMessageAt: { not: null } }];
  if (opts.filter === "mine") and.push({ assignedToId: opts.userId ?? "—" });
  else if (opts.filter) and.push(FILTER_WHERE[opts.filter]);
  if (opts.status) and.push({ status: opts.status });
  if (opts.q) {
    const q = opts.q;
    and.push({
      OR: [
        { contactName: { contains: q, mode: "insensitive" } },
        { contactHandle: { contains: q, mode: "insensitive" } },
        { messages: { some: { text: { contains: q, mode: "insensitive" } } } },
        { comments: { some: { text: { contains: q, mode: "insensitive" } } } },
      ],
    });
  }
  if (opts.cursor) {
    const c = decode(opts.cursor);
    and.push({ OR: [{ lastMessageAt: { lt: c.at } }, { lastMessageAt: c.at, id: { lt: c.id } }] });
  }
  const [rows, names] = await Promise.all([
    db().conversation.findMany({ where: { AND: and }, orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }], take: take + 1, select: SUMMARY_SELECT }),
    memberNames(opts.organizationId),
  ]);
  const page = rows.slice(0, take);
  const last = page[page.length - 1];
  return { conversations: page.map((r) => summaryOf(r, names)), nextCursor: rows.length > take && last?.lastMessageAt ? encode(last.lastMessageAt, last.id) : null };
}
