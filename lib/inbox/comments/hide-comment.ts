import "server-only";
import { connectors, type ConnectorRegistry } from "@/lib/connectors/registry";
import { platformKeyOf, type PlatformConnector } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { connectorContextFor } from "@/lib/oauth/tokens";
import { commentDtoSelect, toCommentDto } from "./comment-dto";
import type { CommentDto } from "./contracts";

/**
 * Hide a comment on the network (or show it again), where its API allows it (Facebook, Instagram, X);
 * the row follows: HIDDEN, or back to NEW / REPLIED when shown again.
 */
export async function hideComment(opts: { organizationId: string; commentId: string; hidden: boolean; registry?: ConnectorRegistry }): Promise<CommentDto> {
  const c = await db().comment.findFirst({
    where: { id: opts.commentId, organizationId: opts.organizationId, isOwn: false },
    select: { id: true, externalId: true, repliedAt: true, socialAccountId: true, socialAccount: { select: { platform: true, isSandbox: true } } },
  });
  if (!c) throw notFound("comment");
  const connector = (opts.registry ?? connectors).forAccount({ platform: platformKeyOf(c.socialAccount.platform), isSandbox: c.socialAccount.isSandbox }) as PlatformConnector;
  if (!connector.hideComment) throw new AppError("validation", "comments.hideUnsupported", { field: "hidden", values: { platform: connector.name } });
  await connector.hideComment(await connectorContextFor(c.socialAccountId, opts.organizationId), c.externalId, opts.hidden);
  await db().comment.update({ where: { id: c.id }, data: { hidden: opts.hidden, status: opts.hidden ? "HIDDEN" : c.repliedAt ? "REPLIED" : "NEW" } });
  return toCommentDto(await db().comment.findUniqueOrThrow({ where: { id: c.id }, select: commentDtoSelect }));
}
