import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { generateImage } from "@/lib/providers/ai";
import { mediaKey, storage } from "@/lib/providers/storage";
import { readResearch, type ContentPlatform } from "@/lib/content/research/schemas";
import { PLATFORM_RULES, rulesFor } from "@/lib/content/platform-rules";
import type { Platform } from "@/lib/db/generated/enums";
import { convertImageForNetwork } from "@/lib/media/convert-for-network";

export type RenderPieceImageOptions = { organizationId: string; inputId: string; platform: ContentPlatform; aiKey?: string; date?: Date };
export type RenderedImage = { storageKey: string; mimeType: string; width: number; height: number; sizeBytes: number; checksumSha256: string; prompt: string; placeholder: boolean };

/**
 * MKT-103 visual: asked to the model square (1024x1024) for feeds, portrait (1024x1536) for Instagram
 * and TikTok, then converted by sharp to the network's accepted format and ratio (the platform-rules
 * table: Instagram JPEG 1080x1350, TikTok JPEG 1080x1920, ...); stored under
 * "{org}/originals/{date}_{input}-{platform}.jpg" (same key on a re-run: overwritten, never
 * duplicated). The MediaAsset row is written with the pieces, in their transaction.
 */
export async function renderPieceImage(opts: RenderPieceImageOptions): Promise<RenderedImage> {
  const input = await db().contentInput.findFirst({
    where: { id: opts.inputId, organizationId: opts.organizationId },
    select: { research: true, brand: { select: { name: true, visualGuidelines: true } } },
  });
  if (!input) throw notFound("contentInput");
  const research = readResearch(input.research);
  const size = PLATFORM_RULES[opts.platform].media.image.generationSize;
  const prompt = [
    `Photographie éditoriale pour ${input.brand.name} (${opts.platform.toLowerCase()}, ${size === "1024x1536" ? "format portrait" : "format carré"}).`,
    `Sujet: ${research?.topic ?? "la marque"}.`,
    research ? `Angle: ${research.angle}.` : "",
    input.brand.visualGuidelines ? `Guidelines visuelles: ${input.brand.visualGuidelines}.` : "",
    "Pas de texte incrusté, pas de logo.",
  ].filter(Boolean).join(" ");
  return renderNetworkImage({ organizationId: opts.organizationId, platform: opts.platform, prompt, id: `${opts.inputId}-${opts.platform.toLowerCase()}`, agent: "mkt-103-generate-content", aiKey: opts.aiKey, date: opts.date });
}

/**
 * One image for a network: asked to the image model at the platform-rules table's generation size,
 * converted by sharp to the format and ratio the network accepts, stored under
 * "{org}/originals/{date}_{id}.jpg" (the same id overwrites, never duplicates). No database row.
 */
export async function renderNetworkImage(o: { organizationId: string; platform: Platform; prompt: string; id: string; agent: string; aiKey?: string; date?: Date }): Promise<RenderedImage> {
  const size = rulesFor(o.platform).media.image.generationSize;
  const img = await generateImage({ organizationId: o.organizationId, agent: o.agent, operation: `image:${o.platform.toLowerCase()}`, idempotencyKey: o.aiKey, prompt: o.prompt, size });
  const converted = await convertImageForNetwork(new Uint8Array(img.png), o.platform);
  const storageKey = mediaKey({ organizationId: o.organizationId, id: o.id, contentType: converted.mimeType, folder: "originals", date: o.date });
  const bytes = converted.bytes;
  await storage().put(storageKey, bytes, { contentType: converted.mimeType });
  return { storageKey, mimeType: converted.mimeType, width: converted.width, height: converted.height, sizeBytes: bytes.byteLength, checksumSha256: createHash("sha256").update(bytes).digest("hex"), prompt: o.prompt, placeholder: img.placeholder };
}

/** The media_assets row of a rendered image (an AI-generated, ready image of the brand). */
export function renderedAssetData(image: RenderedImage, o: { organizationId: string; brandId: string }) {
  return {
    organizationId: o.organizationId,
    brandId: o.brandId,
    kind: "IMAGE" as const,
    source: "AI_GENERATED" as const,
    status: "READY" as const,
    storageKey: image.storageKey,
    fileName: image.storageKey.split("/").pop(),
    mimeType: image.mimeType,
    sizeBytes: BigInt(image.sizeBytes),
    checksumSha256: image.checksumSha256,
    width: image.width,
    height: image.height,
    aiPrompt: image.prompt,
  };
}
