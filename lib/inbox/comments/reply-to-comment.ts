import "server-only";
import { connectors, type ConnectorRegistry } from "@/lib/connectors/registry";
import { platformKeyOf, type PlatformConnector } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { connectorContextFor } from "@/lib/oauth/tokens";
import { commentDtoSelect, toCommentDto } from "./comment-dto";
import type { CommentDto } from "./contracts";

/**
 * A member's reply to a comment (their own words: nothing here is written by a model), posted through
 * the network's connector, then kept in the thread as our own comment; the comment becomes REPLIED.
 */
export async function replyToComment(opts: { organizationId: string; commentId: string; text: string; now?: Date; registry?: ConnectorRegistry }): Promise<CommentDto> {
  const now = opts.now ?? new Date();
  const c = await db().comment.findFirst({
    where: { id: opts.commentId, organizationId: opts.organizationId, isOwn: false },
    select: { id: true, externalId: true, externalPostId: true, publicationId: true, platform: true, socialAccountId: true, socialAccount: { select: { platform: true, isSandbox: true, name: true } } },
  });
  if (!c) throw notFound("comment");
  const connector = (opts.registry ?? connectors).forAccount({ platform: platformKeyOf(c.socialAccount.platform), isSandbox: c.socialAccount.isSandbox }) as PlatformConnector;
  const sent = await connector.replyToComment(await connectorContextFor(c.socialAccountId, opts.organizationId), c.externalId, opts.text);
  await db().$transaction([
    db().comment.upsert({
      where: { socialAccountId_externalId: { socialAccountId: c.socialAccountId, externalId: sent.id } },
      create: {
        organizationId: opts.organizationId,
        socialAccountId: c.socialAccountId,
        publicationId: c.publicationId,
        platform: c.platform,
        externalId: sent.id,
        externalPostId: c.externalPostId,
        parentId: c.id,
        authorName: c.socialAccount.name,
        isOwn: true,
        text: opts.text,
        status: "REPLIED",
        postedAt: now,
      },
      update: {},
    }),
    db().comment.update({ where: { id: c.id }, data: { status: "REPLIED", repliedAt: now } }),
  ]);
  return toCommentDto(await db().comment.findUniqueOrThrow({ where: { id: c.id }, select: commentDtoSelect }));
}
