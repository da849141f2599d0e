import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { generateObject } from "@/lib/providers/ai";
import { ADAPTABLE, fitToPlatform, rulesFor } from "./platform-rules";

export type AdaptationTargets = { contentPieceId: string; status: string; sourcePlatform: Platform | null; platforms: Platform[] };

/**
 * MKT-106 step 1-2: the approved piece and the brand's other ACTIVE publishing platforms (its own excluded).
 * Platforms of the brand's own accounts and of the organisation's unassigned ones (brandId null: what
 * Connections creates), as in MKT-103's planGeneration; scheduleAdaptedPublications picks the accounts.
 */
export async function listAdaptationTargets(opts: { organizationId: string; contentPieceId: string }): Promise<AdaptationTargets> {
  const piece = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true, status: true, platform: true, brandId: true, parentId: true } });
  if (!piece) throw new AppError("not_found", "Content piece not found");
  if (piece.parentId) return { contentPieceId: piece.id, status: piece.status, sourcePlatform: piece.platform, platforms: [] };
  const accounts = await db().socialAccount.findMany({
    where: { organizationId: opts.organizationId, OR: [{ brandId: piece.brandId }, { brandId: null }], status: "ACTIVE", platform: { in: ADAPTABLE } },
    select: { platform: true },
    orderBy: { createdAt: "asc" },
  });
  const platforms = [...new Set(accounts.map((a) => a.platform))].filter((p) => p !== piece.platform);
  return { contentPieceId: piece.id, status: piece.status, sourcePlatform: piece.platform, platforms };
}

const adaptationSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(5000),
  hashtags: z.array(z.string().min(1).max(60)).max(30),
  call_to_action: z.string().max(300),
});

/**
 * MKT-106 steps 3-6 for one platform: adapt the approved piece through generateObject with that
 * platform's rules in the prompt, then enforce them (fitToPlatform: length, hashtag count) and store
 * the variant (parentId = the piece, status APPROVED: the master was approved). One variant per
 * (piece, platform): a re-run returns the existing one.
 */
export async function adaptPieceToPlatform(opts: { organizationId: string; contentPieceId: string; platform: Platform; idempotencyKey?: string; now?: Date }): Promise<{ variantId: string; platform: Platform; created: boolean; length: number }> {
  const now = opts.now ?? new Date();
  const existing = await db().contentPiece.findFirst({ where: { organizationId: opts.organizationId, parentId: opts.contentPieceId, platform: opts.platform }, select: { id: true, body: true } });
  if (existing) return { variantId: existing.id, platform: opts.platform, created: false, length: existing.body.length };
  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: {
      id: true, brandId: true, inputId: true, status: true, platform: true, format: true, language: true, title: true, body: true, hashtags: true, callToAction: true, linkUrl: true, targetPublishAt: true, approvedAt: true, approvedById: true,
      brand: { select: { name: true, voice: true, contentGuidelines: true } },
      media: { orderBy: { position: "asc" }, select: { assetId: true, position: true, role: true } },
    },
  });
  if (!piece) throw new AppError("not_found", "Content piece not found");
  if (piece.status !== "APPROVED" && piece.status !== "SCHEDULED" && piece.status !== "PUBLISHED") throw new AppError("conflict", "Only an approved piece can be adapted");
  const rules = rulesFor(opts.platform);
  const { object, model } = await generateObject({
    organizationId: opts.organizationId,
    agent: "mkt-106-adapt-content",
    operation: `adapt:${opts.platform.toLowerCase()}`,
    idempotencyKey: opts.idempotencyKey,
    locale: piece.language === "en" ? "en" : "fr",
    schema: adaptationSchema,
    system: `You adapt approved posts of the brand ${piece.brand.name} to another social platform. Brand voice: ${piece.brand.voice}. Guidelines: ${piece.brand.contentGuidelines}. Keep the message and facts; change length, tone and format for the platform.`,
    prompt: [
      `Platform: ${opts.platform}`,
      `Tone: ${rules.tone}`,
      `Body: at most ${rules.maxBodyLength} characters; whole post (body, call to action, hashtags) at most ${rules.maxTextLength} characters.`,
      rules.hashtagsAllowed ? `Hashtags: ${rules.minHashtags}-${rules.maxHashtags}.` : "Hashtags: none.",
      "Output JSON: { title, body, hashtags, call_to_action }.",
    ].join("\n"),
    data: { source_platform: piece.platform ?? "any", title: piece.title ?? "", body: piece.body, hashtags: piece.hashtags, call_to_action: piece.callToAction ?? "" },
  });
  const fitted = fitToPlatform({ body: object.body, hashtags: object.hashtags.length ? object.hashtags : piece.hashtags, callToAction: object.call_to_action || piece.callToAction }, rules);
  const variant = await db().contentPiece.create({
    data: {
      organizationId: opts.organizationId,
      brandId: piece.brandId,
      inputId: piece.inputId,
      parentId: piece.id,
      platform: opts.platform,
      format: piece.format,
      status: "APPROVED",
      language: piece.language,
      title: object.title,
      body: fitted.body,
      hashtags: fitted.hashtags,
      callToAction: fitted.callToAction,
      linkUrl: piece.linkUrl,
      aiGenerated: true,
      aiModel: model,
      generationContext: { adaptedFrom: piece.id, rules: { maxTextLength: rules.maxTextLength, maxHashtags: rules.maxHashtags } },
      targetPublishAt: piece.targetPublishAt,
      approvedAt: piece.approvedAt ?? now,
      approvedById: piece.approvedById,
      media: { create: piece.media.map((m) => ({ organizationId: opts.organizationId, assetId: m.assetId, position: m.position, role: m.role })) },
    },
    select: { id: true },
  });
  return { variantId: variant.id, platform: opts.platform, created: true, length: fitted.text.length };
}
