import "server-only";
import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { mediaKey, storage } from "@/lib/providers/storage";
import { makeThumbnail } from "./make-thumbnail";
import { MEDIA_SELECT, thumbnailKeyOf, toMediaDto, type MediaAssetDto } from "./media-dto";
import { probeMedia } from "./probe-media";
import { receiveUpload } from "./receive-upload";

/**
 * Upload limits of the media library. Images: 20 MB (the largest image any connector accepts is
 * LinkedIn's ~34 MB, most take 5-10 MB). Video and audio masters: 256 MB, because the storage
 * provider's put() takes the whole object in memory.
 */
export const MEDIA_LIMITS = { imageBytes: 20 * 1024 ** 2, videoBytes: 256 * 1024 ** 2 };

export type UploadMediaOptions = { organizationId: string; uploadedById?: string | null; request: Request; limits?: typeof MEDIA_LIMITS };

const EXT_TYPE: Record<string, string> = { "video/webm": "video/webm", "audio/webm": "audio/webm" };

/**
 * Media library upload: stream the multipart "file" to a temporary file (size limit on the bytes
 * received; SHA-256 on the way), probe it from its bytes (header parsing for images, ffprobe for
 * video/audio), make a thumbnail, store original + thumbnail, then the MediaAsset row. The same
 * bytes uploaded twice in one organisation return the existing asset (`duplicate: true`).
 * Oversized -> 413, unknown format -> 415; in both cases nothing is stored.
 */
export async function uploadMedia(opts: UploadMediaOptions): Promise<{ asset: MediaAssetDto; duplicate: boolean }> {
  const limits = opts.limits ?? MEDIA_LIMITS;
  const tmp = path.join(tmpdir(), `me-upload-${randomBytes(8).toString("hex")}`);
  const keys: string[] = [];
  try {
    const up = await receiveUpload(opts.request, { path: tmp, maxBytes: (type) => (type.startsWith("image/") ? limits.imageBytes : limits.videoBytes) });
    const existing = await db().mediaAsset.findFirst({ where: { organizationId: opts.organizationId, checksumSha256: up.sha256, sizeBytes: BigInt(up.sizeBytes) }, select: MEDIA_SELECT });
    if (existing) return { asset: await toMediaDto(existing), duplicate: true };
    const probe = await probeMedia(tmp);
    const max = probe.kind === "IMAGE" ? limits.imageBytes : limits.videoBytes;
    if (up.sizeBytes > max) throw new AppError("payload_too_large", "media.tooLarge", { field: "file", values: { kind: probe.kind, max: Math.round(max / 1024 ** 2) } });
    const thumbnail = await makeThumbnail({ path: tmp, probe });
    const id = `m${randomBytes(12).toString("hex")}`;
    const mimeType = EXT_TYPE[probe.mimeType] ?? probe.mimeType;
    const storageKey = mediaKey({ organizationId: opts.organizationId, id, contentType: mimeType });
    await storage().put(storageKey, await readFile(tmp), { contentType: mimeType });
    keys.push(storageKey);
    if (thumbnail) {
      await storage().put(thumbnailKeyOf(storageKey), thumbnail, { contentType: "image/webp" });
      keys.push(thumbnailKeyOf(storageKey));
    }
    const altText = up.fields.altText?.trim().slice(0, 500) || null;
    const row = await db().mediaAsset.create({
      data: {
        id,
        organizationId: opts.organizationId,
        kind: probe.kind,
        source: "UPLOAD",
        status: "READY",
        storageKey,
        fileName: up.fileName.replace(/[\\/]/g, "_").slice(0, 255) || null,
        mimeType,
        sizeBytes: BigInt(up.sizeBytes),
        checksumSha256: up.sha256,
        durationMs: probe.durationMs,
        width: probe.width,
        height: probe.height,
        codec: probe.codec,
        bitrateKbps: probe.bitrateKbps,
        frameRate: probe.frameRate,
        altText,
        uploadedById: opts.uploadedById ?? null,
      },
      select: MEDIA_SELECT,
    });
    keys.length = 0;
    return { asset: await toMediaDto(row), duplicate: false };
  } finally {
    await rm(tmp, { force: true });
    for (const k of keys) await storage().delete(k).catch(() => undefined);
  }
}
