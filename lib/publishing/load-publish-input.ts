import { storage } from "@/lib/providers/storage";
import type { MediaItem, PublishInput } from "@/lib/connectors/types";
import { loadPublishPiece } from "./publish-sql";

/** Signed media URLs stay valid this long (platforms fetch them while processing). */
const MEDIA_URL_TTL_SECONDS = 6 * 3600;

/** The connector input of a publication: the piece's text + hashtags, its media as signed URLs. */
export async function loadPublishInput(pub: { organizationId: string; contentPieceId: string; idempotencyKey: string; options: unknown }): Promise<PublishInput> {
  const piece = await loadPublishPiece(pub.contentPieceId, pub.organizationId);
  if (!piece) throw new Error(`Content piece ${pub.contentPieceId} of publication not found`);
  const media: MediaItem[] = [];
  for (const asset of piece.media) {
    if (asset.kind !== "IMAGE" && asset.kind !== "VIDEO") continue;
    media.push({
      kind: asset.kind === "IMAGE" ? "image" : "video",
      url: await storage().signedUrl(asset.storageKey, MEDIA_URL_TTL_SECONDS),
      mimeType: asset.mimeType,
      sizeBytes: Number(asset.sizeBytes),
      durationSec: asset.durationMs ? asset.durationMs / 1000 : undefined,
      altText: asset.altText ?? undefined,
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
