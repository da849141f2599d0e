import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ContentFormat, Platform } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { BRAND_PROMPT_SELECT, brandBrief } from "@/lib/brands/brand-prompt";
import { assetForNetwork } from "@/lib/media/convert-for-network";
import { renderedAssetData, renderNetworkImage } from "@/lib/content/generation/render-piece-image";
import { generateObject } from "@/lib/providers/ai";
import { PUBLISHING_PLATFORMS as ADAPTABLE, fitToPlatform, rulesFor, type PlatformRule } from "@/lib/content/platform-rules";

export type AdaptationTargets = { contentPieceId: string; status: string; sourcePlatform: Platform | null; platforms: Platform[]; variantIds: string[] };

/**
 * MKT-106 step 1-2: the approved piece and the brand's other ACTIVE publishing platforms (its own excluded).
 * Platforms of the brand's own accounts and of the organisation's unassigned ones (brandId null: what
 * Connections creates), as in MKT-103's planGeneration; scheduleAdaptedPublications picks the accounts.
 */
export async function listAdaptationTargets(opts: { organizationId: string; contentPieceId: string }): Promise<AdaptationTargets> {
  const piece = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true, status: true, platform: true, brandId: true, parentId: true, variants: { select: { id: true } } } });
  if (!piece) throw notFound("content");
  const variantIds = piece.variants.map((v) => v.id);
  if (piece.parentId) return { contentPieceId: piece.id, status: piece.status, sourcePlatform: piece.platform, platforms: [], variantIds };
  const accounts = await db().socialAccount.findMany({
    where: { organizationId: opts.organizationId, OR: [{ brandId: piece.brandId }, { brandId: null }], status: "ACTIVE", platform: { in: ADAPTABLE } },
    select: { platform: true },
    orderBy: { createdAt: "asc" },
  });
  const platforms = [...new Set(accounts.map((a) => a.platform))].filter((p) => p !== piece.platform);
  return { contentPieceId: piece.id, status: piece.status, sourcePlatform: piece.platform, platforms, variantIds };
}

/** A script adapted to a post network becomes a post, a post adapted to TikTok a script; other formats (carousel, reel…) stay. */
export function variantFormat(source: ContentFormat, target: PlatformRule["format"]): ContentFormat {
  return source === "POST" || source === "VIDEO_SCRIPT" ? target : source;
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
 * the variant (parentId = the piece, status REVIEW). This runs BEFORE approval is requested (issue 9):
 * the approval then covers each network's exact version. One variant per (piece, platform): a re-run
 * returns the existing one.
 */
export async function adaptPieceToPlatform(opts: { organizationId: string; contentPieceId: string; platform: Platform; idempotencyKey?: string }): Promise<{ variantId: string; platform: Platform; created: boolean; length: number }> {
  const existing = await db().contentPiece.findFirst({ where: { organizationId: opts.organizationId, parentId: opts.contentPieceId, platform: opts.platform }, select: { id: true, body: true } });
  if (existing) return { variantId: existing.id, platform: opts.platform, created: false, length: existing.body.length };
  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: {
      id: true, brandId: true, inputId: true, status: true, platform: true, format: true, language: true, title: true, body: true, hashtags: true, callToAction: true, linkUrl: true, targetPublishAt: true,
      brand: { select: BRAND_PROMPT_SELECT },
      media: { orderBy: { position: "asc" }, select: { assetId: true, position: true, role: true } },
    },
  });
  if (!piece) throw notFound("content");
  if (piece.status === "REJECTED" || piece.status === "ARCHIVED") throw new AppError("conflict", "content.onlyApprovedAdapted");
  const rules = rulesFor(opts.platform);
  const { object, model } = await generateObject({
    organizationId: opts.organizationId,
    agent: "mkt-106-adapt-content",
    operation: `adapt:${opts.platform.toLowerCase()}`,
    idempotencyKey: opts.idempotencyKey,
    locale: piece.language === "en" ? "en" : "fr",
    schema: adaptationSchema,
    system: `You adapt approved posts of the brand ${piece.brand.name} to another social platform. Keep the message and facts; change length, tone and format for the platform.\n${brandBrief(piece.brand)}`,
    prompt: [
      `Platform: ${rules.name}`,
      `Tone: ${rules.tone}`,
      `Body: at most ${rules.text.maxBody} characters; whole post (body, call to action, hashtags) at most ${rules.text.max} characters.`,
      rules.hashtags.allowed ? `Hashtags: ${rules.hashtags.min}-${rules.hashtags.max}.` : "Hashtags: none.",
      "Output JSON: { title, body, hashtags, call_to_action }.",
    ].join("\n"),
    data: { source_platform: piece.platform ? rulesFor(piece.platform).name : "any", title: piece.title ?? "", body: piece.body, hashtags: piece.hashtags, call_to_action: piece.callToAction ?? "" },
  });
  // A TikTok script's image is its cover; on a network that publishes posts it is the post's image
  // (Instagram refuses a post without one). Each image in the format and ratio this network accepts
  // (a converted copy when the master's is refused).
  const format = variantFormat(piece.format, rules.format);
  const media = await Promise.all(
    piece.media.map(async (m) => {
      const role = format === "VIDEO_SCRIPT" || m.role !== "cover" ? m.role : "media";
      return { ...m, role, assetId: role === "media" ? await assetForNetwork({ organizationId: opts.organizationId, assetId: m.assetId, platform: opts.platform }) : m.assetId };
    }),
  );
  // A network that publishes no text-only posts (Instagram, TikTok) gets an image rendered for this
  // version when the piece has none (a text-only LinkedIn post, a composer draft): without one its
  // version could never be published ("this platform needs media").
  if (media.length === 0 && !rules.media.textOnly) {
    const prompt = [
      `Photographie éditoriale pour ${piece.brand.name} (${rules.name}, ${format === "VIDEO_SCRIPT" ? "couverture verticale" : "visuel du post"}).`,
      `Sujet: ${piece.title?.trim() || piece.body.slice(0, 160)}.`,
      piece.brand.visualGuidelines ? `Guidelines visuelles: ${piece.brand.visualGuidelines}.` : "",
      "Pas de texte incrusté, pas de logo.",
    ].filter(Boolean).join(" ");
    const image = await renderNetworkImage({ organizationId: opts.organizationId, platform: opts.platform, prompt, id: `${piece.id}-${opts.platform.toLowerCase()}`, agent: "mkt-106-adapt-content", aiKey: opts.idempotencyKey && `${opts.idempotencyKey}:image` });
    const asset = await db().mediaAsset.upsert({ where: { storageKey: image.storageKey }, update: {}, create: renderedAssetData(image, { organizationId: opts.organizationId, brandId: piece.brandId }), select: { id: true } });
    media.push({ assetId: asset.id, position: 0, role: format === "VIDEO_SCRIPT" ? "cover" : "media" });
  }
  const fitted = fitToPlatform({ body: object.body, hashtags: object.hashtags.length ? object.hashtags : piece.hashtags, callToAction: object.call_to_action || piece.callToAction }, rules);
  const variant = await db().contentPiece.create({
    data: {
      organizationId: opts.organizationId,
      brandId: piece.brandId,
      inputId: piece.inputId,
      parentId: piece.id,
      platform: opts.platform,
      format,
      status: "REVIEW",
      language: piece.language,
      title: object.title,
      body: fitted.body,
      hashtags: fitted.hashtags,
      callToAction: fitted.callToAction,
      linkUrl: piece.linkUrl,
      aiGenerated: true,
      aiModel: model,
      generationContext: { adaptedFrom: piece.id, rules: { maxTextLength: rules.text.max, maxHashtags: rules.hashtags.max } },
      targetPublishAt: piece.targetPublishAt,
      media: { create: media.map((m) => ({ organizationId: opts.organizationId, assetId: m.assetId, position: m.position, role: m.role })) },
    },
    select: { id: true },
  });
  return { variantId: variant.id, platform: opts.platform, created: true, length: fitted.text.length };
}

/**
 * "Changes requested" rewrote the piece: its variants (written from the old text, never published)
 * go, so that adaptation writes them again from the new text before the next approval request.
 */
export async function discardVariants(opts: { organizationId: string; contentPieceId: string }): Promise<{ discarded: number }> {
  const gone = await db().contentPiece.deleteMany({ where: { organizationId: opts.organizationId, parentId: opts.contentPieceId, status: { in: ["DRAFT", "REVIEW"] }, publications: { none: {} } } });
  return { discarded: gone.count };
}
