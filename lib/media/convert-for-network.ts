import "server-only";
import { createHash } from "node:crypto";
import { loadSharp } from "./sharp";
import { rulesFor } from "@/lib/content/platform-rules";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { mediaKey, readObjectBytes, storage } from "@/lib/providers/storage";
import { checkQualityGates, type GateResult } from "./check-quality-gates";

export type ConvertedImage = { bytes: Uint8Array; mimeType: "image/jpeg" | "image/webp"; width: number; height: number };

/**
 * An image in the format and ratio the network accepts (the platform-rules table's target: Instagram
 * JPEG 1080x1350 (4:5), TikTok JPEG 1080x1920 (9:16), LinkedIn/X JPEG 1200x1200...): cropped to the
 * ratio around the most salient region ("attention"), transparency flattened on white, EXIF rotation
 * applied, encoded by sharp.
 */
export async function convertImageForNetwork(bytes: Uint8Array, platform: Platform): Promise<ConvertedImage> {
  const t = rulesFor(platform).media.image.target;
  const sharp = await loadSharp();
  const img = sharp(bytes, { animated: false }).rotate().resize(t.width, t.height, { fit: "cover", position: sharp.strategy.attention });
  const out = t.mimeType === "image/webp" ? await img.webp({ quality: 85 }).toBuffer() : await img.flatten({ background: "#ffffff" }).jpeg({ quality: 86, mozjpeg: true }).toBuffer();
  return { bytes: new Uint8Array(out), mimeType: t.mimeType, width: t.width, height: t.height };
}

type AssetRow = { id: string; kind: "IMAGE" | "VIDEO" | "AUDIO" | "DOCUMENT"; mimeType: string; sizeBytes: bigint; width: number | null; height: number | null; durationMs: number | null; codec: string | null };

function gateOf(asset: AssetRow, platform: Platform): GateResult {
  const key = rulesFor(platform).key;
  return checkQualityGates({ ...asset, sizeBytes: Number(asset.sizeBytes) }, [key as Exclude<typeof key, "whatsapp">])[0]!;
}

/**
 * The asset as this network accepts it: itself when it passes the network's quality gates, else (an
 * image) a converted copy stored beside it, once per (asset, network). Videos are never re-encoded
 * here: a refused video stays refused (the gates say why).
 */
export async function assetForNetwork(o: { organizationId: string; assetId: string; platform: Platform }): Promise<string> {
  const asset = await db().mediaAsset.findFirst({
    where: { id: o.assetId, organizationId: o.organizationId },
    select: { id: true, brandId: true, kind: true, mimeType: true, sizeBytes: true, width: true, height: true, durationMs: true, codec: true, storageKey: true, altText: true, aiPrompt: true },
  });
  if (!asset || asset.kind !== "IMAGE" || gateOf(asset, o.platform).ok) return o.assetId;
  const t = rulesFor(o.platform).media.image.target;
  const storageKey = mediaKey({ organizationId: o.organizationId, id: `${asset.id}-${o.platform.toLowerCase()}-${t.width}x${t.height}`, contentType: t.mimeType, folder: "renditions" });
  const existing = await db().mediaAsset.findFirst({ where: { organizationId: o.organizationId, storageKey }, select: { id: true } });
  if (existing) return existing.id;
  const obj = await storage().get(asset.storageKey);
  if (!obj) return o.assetId;
  const converted = await convertImageForNetwork(await readObjectBytes(obj), o.platform);
  await storage().put(storageKey, converted.bytes, { contentType: converted.mimeType });
  const rows = await db().mediaAsset.createManyAndReturn({
    data: [{
      organizationId: o.organizationId, brandId: asset.brandId, kind: "IMAGE", source: "AI_GENERATED", storageKey, fileName: storageKey.split("/").pop(), mimeType: converted.mimeType,
      sizeBytes: converted.bytes.byteLength, width: converted.width, height: converted.height, checksumSha256: createHash("sha256").update(converted.bytes).digest("hex"),
      altText: asset.altText, aiPrompt: asset.aiPrompt,
    }],
    skipDuplicates: true,
    select: { id: true },
  });
  return rows[0]?.id ?? (await db().mediaAsset.findFirstOrThrow({ where: { organizationId: o.organizationId, storageKey }, select: { id: true } })).id;
}

/**
 * The first rule a network's media breaks, as an error naming it (422), or nothing. No media at all
 * on a network that publishes no text-only posts (Instagram, TikTok) is refused too: the version
 * could never be published.
 */
export async function assertMediaAccepted(o: { organizationId: string; platform: Platform; mediaAssetIds: string[]; field?: string }): Promise<void> {
  const rule = rulesFor(o.platform);
  if (o.mediaAssetIds.length === 0 && !rule.media.textOnly && rule.publishes) throw new AppError("validation", "content.mediaRequired", { field: o.field ?? "mediaAssetIds", values: { platform: rule.name } });
  if (o.mediaAssetIds.length === 0) return;
  const assets = await db().mediaAsset.findMany({
    where: { organizationId: o.organizationId, id: { in: o.mediaAssetIds } },
    select: { id: true, kind: true, mimeType: true, sizeBytes: true, width: true, height: true, durationMs: true, codec: true },
  });
  const max = rulesFor(o.platform).media.maxCarouselItems;
  if (o.mediaAssetIds.length > Math.max(1, max)) throw new AppError("validation", "media.tooManyItems", { field: o.field ?? "mediaAssetIds", values: { platform: rulesFor(o.platform).name, max } });
  for (const a of assets) {
    const gate = gateOf(a, o.platform);
    const reason = gate.reasons[0];
    // The gate's own catalogue key (media.json "gates", mirrored in errors.json "mediaGates").
    const key = `mediaGates.${reason?.key}` as "mediaGates.imageFormat";
    if (reason) throw new AppError("validation", key, { field: o.field ?? "mediaAssetIds", values: reason.values });
  }
}
