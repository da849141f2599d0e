import "server-only";
import { db } from "@/lib/db/client";
import type { CommentStatus } from "@/lib/db/generated/enums";
import { commentDtoSelect, toCommentDto } from "./comment-dto";
import type { CommentDto, CommentPollingDto } from "./contracts";
import { COMMENT_POLL_DAYS } from "./poll-comments";

/** Comments people wrote under the organisation's publications, newest first, by keyset (cursor = last id). */
export async function listComments(opts: {
  organizationId: string;
  status?: CommentStatus;
  publicationId?: string;
  cursor?: string;
  take?: number;
  now?: Date;
}): Promise<{ comments: CommentDto[]; nextCursor: string | null; polling: CommentPollingDto }> {
  const take = Math.min(opts.take ?? 30, 100);
  const now = opts.now ?? new Date();
  const where = { organizationId: opts.organizationId, isOwn: false, ...(opts.status ? { status: opts.status } : {}), ...(opts.publicationId ? { publicationId: opts.publicationId } : {}) };
  const after = opts.cursor ? await db().comment.findFirst({ where: { id: opts.cursor, organizationId: opts.organizationId }, select: { id: true, postedAt: true } }) : null;
  const rows = await db().comment.findMany({
    where: after ? { AND: [where, { OR: [{ postedAt: { lt: after.postedAt } }, { postedAt: after.postedAt, id: { lt: after.id } }] }] } : where,
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: commentDtoSelect,
  });
  const [active, last] = await Promise.all([
    db().publication.count({ where: { organizationId: opts.organizationId, status: "POSTED", postedAt: { gt: new Date(now.getTime() - COMMENT_POLL_DAYS * 86_400_000) }, commentPollStopAt: { not: null } } }),
    db().publication.aggregate({ where: { organizationId: opts.organizationId }, _max: { lastCommentCheckAt: true } }),
  ]);
  return {
    comments: rows.slice(0, take).map(toCommentDto),
    nextCursor: rows.length > take ? rows[take - 1]!.id : null,
    polling: { activePosts: active, lastCheckAt: last._max.lastCommentCheckAt?.toISOString() ?? null },
  };
}
