import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { SavedReplyDto } from "./contracts";

const SELECT = { id: true, title: true, text: true } as const;

export async function listSavedReplies(opts: { organizationId: string }): Promise<SavedReplyDto[]> {
  return db().savedReply.findMany({ where: { organizationId: opts.organizationId }, orderBy: { title: "asc" }, take: 200, select: SELECT });
}

export async function createSavedReply(opts: { organizationId: string; userId: string | null; title: string; text: string }): Promise<SavedReplyDto> {
  return db().savedReply.create({ data: { organizationId: opts.organizationId, createdById: opts.userId, title: opts.title, text: opts.text }, select: SELECT });
}

export async function deleteSavedReply(opts: { organizationId: string; id: string }): Promise<void> {
  const deleted = await db().savedReply.deleteMany({ where: { id: opts.id, organizationId: opts.organizationId } });
  if (deleted.count === 0) throw notFound("savedReply");
}
