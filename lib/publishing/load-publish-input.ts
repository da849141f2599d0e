import { db } from "@/lib/db/client";
import { storage } from "@/lib/providers/storage";
import type { MediaItem, PublishInput } from "@/lib/connectors/types";

/** Signed media URLs stay valid this long (platforms fetch them while processing). */
const MEDIA_URL_TTL_SECONDS = 6 * 3600;

/** The connector input of a publication: the piece's text + hashtags, its media as signed URLs. */
export async function loadPublishInput(pub: { organizationId: string; contentPieceId: string; idempotencyKey: string; options: unknown }): Promise<PublishInput> {
  const piece = await db().contentPiece.findFirstOrThrow({
    where: { id: pub.contentPieceId, organizationId: pub.organizationId },
    select: {
      body: true,
      hashtags: true,
      linkUrl: true,
      format: true,
      media: { orderBy: { position: "asc" }, where: { role: "media" }, select: { asset: { select: { storageKey: true, kind: true, mimeType: true, sizeBytes: true, durationMs: true, altText: true } } } },
    },
  });
  const media: MediaItem[] = [];
  for (const m of piece.media) {
    if (m.asset.kind !== "IMAGE" && m.asset.kind !== "VIDEO") continue;
    media.push({
      kind: m.asset.kind === "IMAGE" ? "image" : "video",
      url: await storage().signedUrl(m.asset.storageKey, MEDIA_URL_TTL_SECONDS),
      mimeType: m.asset.mimeType,
      sizeBytes: Number(m.asset.sizeBytes),
      durationSec: m.asset.durationMs ? m.asset.durationMs / 1000 : undefined,
      altText: m.asset.altText ?? undefined,
    });
  }
  const options = (pub.options ?? {}) as Record<string, unknown>;
  const tags = piece.hashtags.map((h) => (h.startsWith("#") ? h : `#${h}`)).filter((h) => !piece.body.includes(h));
  const text = typeof options.caption === "string" ? options.caption : [piece.body, tags.join(" ")].filter(Boolean).join("\n\n");
  const kind: PublishInput["kind"] =
    media.length === 0 ? "text"
      : piece.format === "REEL" ? "reel"
        : media.length > 1 || piece.format === "CAROUSEL" ? "carousel"
          : media[0]!.kind === "video" ? "video" : "image";
  return { kind, text, media: media.length ? media : undefined, link: piece.linkUrl ?? undefined, idempotencyKey: pub.idempotencyKey, options };
}
