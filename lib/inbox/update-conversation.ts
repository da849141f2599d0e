import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import type { UpdateConversationInput } from "./schemas";

/** Status (open, pending, closed) and assignee (a member of the organisation, or nobody); live `inbox.updated`. */
export async function updateConversation(opts: { organizationId: string; conversationId: string } & UpdateConversationInput) {
  const conv = await db().conversation.findFirst({ where: { id: opts.conversationId, organizationId: opts.organizationId }, select: { id: true } });
  if (!conv) throw notFound("conversation");
  if (opts.assignedToId) {
    const member = await db().membership.findFirst({ where: { organizationId: opts.organizationId, userId: opts.assignedToId }, select: { id: true } });
    if (!member) throw new AppError("validation", "inbox.notAMember", { field: "assignedToId" });
  }
  return db().$transaction(async (tx) => {
    const updated = await tx.conversation.update({
      where: { id: conv.id },
      data: { ...(opts.status ? { status: opts.status } : {}), ...(opts.assignedToId !== undefined ? { assignedToId: opts.assignedToId } : {}) },
      select: { id: true, status: true, assignedToId: true },
    });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "inbox.updated", payload: { conversationId: conv.id, status: updated.status } });
    return updated;
  });
}

/** An internal note (members only, never sent). */
export async function addInboxNote(opts: { organizationId: string; conversationId: string; authorId: string | null; text: string }) {
  const conv = await db().conversation.findFirst({ where: { id: opts.conversationId, organizationId: opts.organizationId }, select: { id: true } });
  if (!conv) throw notFound("conversation");
  return db().$transaction(async (tx) => {
    const note = await tx.inboxNote.create({ data: { organizationId: opts.organizationId, conversationId: conv.id, authorId: opts.authorId, text: opts.text }, select: { id: true, text: true, createdAt: true, authorId: true } });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "inbox.updated", payload: { conversationId: conv.id, noteId: note.id } });
    const author = note.authorId ? await tx.user.findUnique({ where: { id: note.authorId }, select: { name: true, email: true } }) : null;
    return { id: note.id, text: note.text, createdAt: note.createdAt.toISOString(), authorName: author ? (author.name ?? author.email) : null };
  });
}
