import "server-only";
import { HIDE_COMMENT_PLATFORMS } from "@/lib/connectors/capabilities";
import { platformKeyOf, type SocialPlatform } from "@/lib/connectors/types";
import type { Prisma } from "@/lib/db/client";
import type { CommentDto } from "./contracts";

export const commentDtoSelect = {
  id: true,
  platform: true,
  publicationId: true,
  conversationId: true,
  authorName: true,
  text: true,
  status: true,
  triage: true,
  hidden: true,
  postedAt: true,
  repliedAt: true,
  publication: { select: { platformPostUrl: true, contentPiece: { select: { title: true, body: true } } } },
  replies: { where: { isOwn: true }, orderBy: { postedAt: "asc" }, select: { id: true, text: true, postedAt: true } },
} satisfies Prisma.CommentSelect;

type Row = Prisma.CommentGetPayload<{ select: typeof commentDtoSelect }>;

/** What names the post a comment is under: its title, or (social posts rarely have one) the start of its text. */
export function postLabel(piece: { title: string | null; body: string }): string | null {
  if (piece.title?.trim()) return piece.title;
  const text = piece.body.replace(/\s+/g, " ").trim();
  if (!text) return null;
  return text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text;
}

export function toCommentDto(c: Row): CommentDto {
  return {
    id: c.id,
    platform: c.platform,
    publicationId: c.publicationId,
    conversationId: c.conversationId,
    postTitle: c.publication ? postLabel(c.publication.contentPiece) : null,
    postUrl: c.publication?.platformPostUrl ?? null,
    authorName: c.authorName,
    text: c.text,
    status: c.status,
    triage: c.triage,
    hidden: c.hidden,
    canHide: HIDE_COMMENT_PLATFORMS.includes(platformKeyOf(c.platform) as SocialPlatform),
    postedAt: c.postedAt.toISOString(),
    repliedAt: c.repliedAt?.toISOString() ?? null,
    replies: c.replies.map((r) => ({ id: r.id, text: r.text, postedAt: r.postedAt.toISOString() })),
  };
}
