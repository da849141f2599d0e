import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { generateImage } from "@/lib/providers/ai";
import { mediaKey, storage } from "@/lib/providers/storage";
import { readResearch, type ContentPlatform } from "@/lib/content/research/schemas";
import { PLATFORM_RULES } from "@/lib/content/platform-rules";
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
  const img = await generateImage({ organizationId: opts.organizationId, agent: "mkt-103-generate-content", operation: `image:${opts.platform.toLowerCase()}`, idempotencyKey: opts.aiKey, prompt, size });
  const converted = await convertImageForNetwork(new Uint8Array(img.png), opts.platform);
  const storageKey = mediaKey({ organizationId: opts.organizationId, id: `${opts.inputId}-${opts.platform.toLowerCase()}`, contentType: converted.mimeType, folder: "originals", date: opts.date });
  const bytes = converted.bytes;
  await storage().put(storageKey, bytes, { contentType: converted.mimeType });
  return { storageKey, mimeType: converted.mimeType, width: converted.width, height: converted.height, sizeBytes: bytes.byteLength, checksumSha256: createHash("sha256").update(bytes).digest("hex"), prompt, placeholder: img.placeholder };
}
