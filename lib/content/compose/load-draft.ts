import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

import type { ComposerDraft } from "./contracts";
export type { ComposerDraft };

/** A `?at=` from the calendar: an ISO instant still ahead, else nothing (the composer proposes the next hour). */
export function prefillTime(at: unknown, now = new Date()): string | null {
  if (typeof at !== "string") return null;
  const t = Date.parse(at);
  return Number.isNaN(t) || t <= now.getTime() ? null : new Date(t).toISOString();
}

/**
 * What the composer shows to edit a post (`?contentId=`): its current text (the newest network
 * version, else the piece's body), media, first comment, time and accounts (those chosen in the
 * composer, else those its publications went to). Another organisation's post is 404.
 */
export async function loadComposerDraft(o: { organizationId: string; contentPieceId: string }): Promise<ComposerDraft> {
  const piece = await db().contentPiece.findFirst({
    where: { id: o.contentPieceId, organizationId: o.organizationId, parentId: null },
    select: {
      id: true, body: true, targetPublishAt: true, generationContext: true,
      media: { where: { role: "media" }, orderBy: { position: "asc" }, select: { assetId: true } },
      revisions: { where: { supersededAt: null }, orderBy: { createdAt: "desc" }, take: 1, select: { text: true, firstComment: true, mediaAssetIds: true, scheduledAt: true } },
      publications: { where: { recurrenceParentId: null }, select: { socialAccountId: true } },
    },
  });
  if (!piece) throw notFound("content", { field: "contentId" });
  const chosen = (piece.generationContext as { composer?: { accountIds?: unknown } } | null)?.composer?.accountIds;
  const accountIds = Array.isArray(chosen) ? chosen.filter((i): i is string => typeof i === "string") : [...new Set(piece.publications.map((p) => p.socialAccountId))];
  const rev = piece.revisions[0];
  const at = rev?.scheduledAt ?? piece.targetPublishAt;
  return {
    contentId: piece.id,
    text: rev?.text ?? piece.body,
    accountIds,
    mediaAssetIds: rev?.mediaAssetIds ?? piece.media.map((m) => m.assetId),
    firstComment: rev?.firstComment ?? null,
    scheduledAt: at && at.getTime() > Date.now() ? at.toISOString() : null,
  };
}
