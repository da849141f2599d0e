import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { generateImage } from "@/lib/providers/ai";
import { mediaKey, storage } from "@/lib/providers/storage";
import { readResearch, type ContentPlatform } from "@/lib/content/research/schemas";
import { PLATFORM_RULES } from "./platform-rules";

export type RenderPieceImageOptions = { organizationId: string; inputId: string; platform: ContentPlatform; aiKey?: string; date?: Date };
export type RenderedImage = { storageKey: string; mimeType: "image/png"; width: number; height: number; sizeBytes: number; checksumSha256: string; prompt: string; placeholder: boolean };

/**
 * MKT-103 visual: square (1024x1024) for feeds, portrait (1024x1536) for Instagram and TikTok;
 * stored under "{org}/originals/{date}_{input}-{platform}.png" (same key on a re-run: overwritten,
 * never duplicated). The MediaAsset row is written with the pieces, in their transaction.
 */
export async function renderPieceImage(opts: RenderPieceImageOptions): Promise<RenderedImage> {
  const input = await db().contentInput.findFirst({
    where: { id: opts.inputId, organizationId: opts.organizationId },
    select: { research: true, brand: { select: { name: true, visualGuidelines: true } } },
  });
  if (!input) throw notFound("Content input");
  const research = readResearch(input.research);
  const size = PLATFORM_RULES[opts.platform].imageSize;
  const prompt = [
    `Photographie éditoriale pour ${input.brand.name} (${opts.platform.toLowerCase()}, ${size === "1024x1536" ? "format portrait" : "format carré"}).`,
    `Sujet: ${research?.topic ?? "la marque"}.`,
    research ? `Angle: ${research.angle}.` : "",
    input.brand.visualGuidelines ? `Guidelines visuelles: ${input.brand.visualGuidelines}.` : "",
    "Pas de texte incrusté, pas de logo.",
  ].filter(Boolean).join(" ");
  const img = await generateImage({ organizationId: opts.organizationId, agent: "mkt-103-generate-content", operation: `image:${opts.platform.toLowerCase()}`, idempotencyKey: opts.aiKey, prompt, size });
  const storageKey = mediaKey({ organizationId: opts.organizationId, id: `${opts.inputId}-${opts.platform.toLowerCase()}`, contentType: "image/png", folder: "originals", date: opts.date });
  const bytes = new Uint8Array(img.png);
  await storage().put(storageKey, bytes, { contentType: "image/png" });
  return { storageKey, mimeType: "image/png", width: img.width, height: img.height, sizeBytes: bytes.byteLength, checksumSha256: createHash("sha256").update(bytes).digest("hex"), prompt, placeholder: img.placeholder };
}
