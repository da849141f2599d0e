import { storage } from "@/lib/providers/storage";
import type { MediaItem, PublishInput } from "@/lib/connectors/types";
import type { PublishRevision } from "./publish-sql";

/** Signed media URLs stay valid this long (platforms fetch them while processing). */
const MEDIA_URL_TTL_SECONDS = 6 * 3600;

/**
 * The connector input of a publication: exactly its approved revision's text and media (signed URLs),
 * its first comment as an option. Nothing is recomposed here: what the approver read is what goes out.
 */
export async function loadPublishInput(pub: { idempotencyKey: string; options: unknown }, revision: PublishRevision): Promise<PublishInput> {
  const media: MediaItem[] = [];
  for (const asset of revision.media) {
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
  // A caption override would send text nobody approved: dropped.
  const { caption: _caption, ...stored } = (pub.options ?? {}) as Record<string, unknown>;
  const options = { ...stored, ...(revision.firstComment ? { firstComment: revision.firstComment } : {}) };
  const kind: PublishInput["kind"] =
    media.length === 0 ? "text"
      : revision.format === "REEL" ? "reel"
        : media.length > 1 || revision.format === "CAROUSEL" ? "carousel"
          : media[0]!.kind === "video" ? "video" : "image";
  return { kind, text: revision.text, media: media.length ? media : undefined, link: revision.linkUrl ?? undefined, idempotencyKey: pub.idempotencyKey, options };
}
