import { storage } from "@/lib/providers/storage";
import type { MediaAssetDto } from "@/lib/media/contracts";
export type { MediaAssetDto };

export const MEDIA_SELECT = {
  id: true, kind: true, status: true, source: true, storageKey: true, fileName: true, mimeType: true, sizeBytes: true, checksumSha256: true,
  durationMs: true, width: true, height: true, codec: true, bitrateKbps: true, frameRate: true, altText: true, createdAt: true,
} as const;

type Row = { [K in keyof typeof MEDIA_SELECT]: unknown } & { storageKey: string; kind: MediaAssetDto["kind"]; source: MediaAssetDto["source"]; sizeBytes: bigint; createdAt: Date };

export const UI_URL_TTL_SECONDS = 3600;

/** "{org}/originals/{day}_{id}.mp4" -> "{org}/renditions/{day}_{id}_thumb.webp" (written by uploadMedia for images and videos). */
export function thumbnailKeyOf(storageKey: string): string {
  return storageKey.replace("/originals/", "/renditions/").replace(/\.[A-Za-z0-9]+$/, "_thumb.webp");
}

export async function toMediaDto(row: Row): Promise<MediaAssetDto> {
  const s = storage();
  const url = await s.signedUrl(row.storageKey, UI_URL_TTL_SECONDS);
  // Uploads get a rendition next to the original; generated or imported images are shown as they are.
  const thumb = row.source === "UPLOAD" && (row.kind === "IMAGE" || row.kind === "VIDEO") ? await s.signedUrl(thumbnailKeyOf(row.storageKey), UI_URL_TTL_SECONDS) : row.kind === "IMAGE" ? url : null;
  const { storageKey: _key, sizeBytes, createdAt, ...rest } = row;
  return { ...(rest as Omit<MediaAssetDto, "sizeBytes" | "createdAt" | "url" | "thumbnailUrl">), sizeBytes: Number(sizeBytes), createdAt: createdAt.toISOString(), url, thumbnailUrl: thumb };
}
