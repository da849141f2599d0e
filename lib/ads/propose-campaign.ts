import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import type { Platform } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { generateImage, generateObject } from "@/lib/providers/ai";
import { mediaKey, storage } from "@/lib/providers/storage";
import { estimateKpis } from "./estimate-kpis";
import { proposalSchema } from "./proposal-schema";
import { getAdSettings } from "./spend-guard";

export const AD_PLATFORMS_DB = ["META_ADS", "GOOGLE_ADS", "TIKTOK_ADS"] as const satisfies Platform[];
const AGENT = "mkt-202-propose-campaign";
const LABELS = ["A", "B", "C"] as const;

/** Same key -> same campaign id: a re-run (or a re-sent signal) finds the proposal it already made. */
export const proposalCampaignId = (organizationId: string, key: string) => `adc${createHash("sha256").update(`${organizationId}:proposal:${key}`).digest("hex").slice(0, 22)}`;

/** The ad network that suits where the content won: TikTok content -> TikTok Ads, the rest -> Meta, else what is connected. */
function preferredAdPlatforms(piecePlatform: Platform | null): Platform[] {
  if (piecePlatform === "TIKTOK") return ["TIKTOK_ADS", "META_ADS", "GOOGLE_ADS"];
  return ["META_ADS", "TIKTOK_ADS", "GOOGLE_ADS"];
}

/** Accepted visual format per platform: square feed image on Meta, portrait on TikTok, none for Google search ads (text). */
const IMAGE_SIZE: Record<string, "1024x1024" | "1024x1536" | null> = { META_ADS: "1024x1024", TIKTOK_ADS: "1024x1536", GOOGLE_ADS: null };

export type ProposeCampaignResult = { campaignId: string; created: boolean; revision: number };

/**
 * MKT-202: a complete ad campaign proposal from content that performs organically (a MKT-109 signal
 * or "Amplifier" on published content): objective, audience, daily and total budget (within the
 * per-campaign cap), ad sets, 3 copy variants with a visual each in the platform's format, expected
 * CPC/CTR/ROAS and how they were estimated. Stored as a DRAFT campaign with its ad sets and creatives
 * in one transaction (images are written first; same keys on a re-run).
 */
export async function proposeCampaign(opts: { organizationId: string; contentPieceId: string; signalId?: string | null; key: string; requestedById?: string | null; aiKey?: string; now?: Date }): Promise<ProposeCampaignResult> {
  const now = opts.now ?? new Date();
  const campaignId = proposalCampaignId(opts.organizationId, opts.key);
  const existing = await db().adCampaign.findFirst({ where: { id: campaignId, organizationId: opts.organizationId }, select: { id: true, revision: true } });
  if (existing) return { campaignId, created: false, revision: existing.revision };

  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: {
      id: true, brandId: true, platform: true, status: true, title: true, body: true, callToAction: true,
      brand: { select: { name: true, targetAudience: true, voice: true, countries: true, websiteUrl: true, visualGuidelines: true } },
      publications: { where: { status: "POSTED" }, orderBy: { postedAt: "desc" }, take: 1, select: { platformPostUrl: true } },
    },
  });
  if (!piece) throw notFound("content");
  if (piece.status !== "PUBLISHED" && piece.publications.length === 0) throw new AppError("conflict", "ads.notPublished", { field: "contentPieceId" });

  const accounts = await db().socialAccount.findMany({
    where: { organizationId: opts.organizationId, platform: { in: [...AD_PLATFORMS_DB] }, status: "ACTIVE", OR: [{ brandId: piece.brandId }, { brandId: null }] },
    select: { id: true, platform: true, brandId: true },
  });
  const order = preferredAdPlatforms(piece.platform);
  const account = accounts.sort((a, b) => order.indexOf(a.platform) - order.indexOf(b.platform) || (a.brandId ? 0 : 1) - (b.brandId ? 0 : 1))[0];
  if (!account) throw new AppError("conflict", "ads.noAdAccount");

  const settings = await getAdSettings(opts.organizationId);
  const kpis = await estimateKpis({ organizationId: opts.organizationId, platform: account.platform, now });
  const countries = piece.brand.countries.length ? piece.brand.countries : ["FR"];
  const signal = opts.signalId ? await db().contentSignal.findFirst({ where: { id: opts.signalId, organizationId: opts.organizationId }, select: { engagementRate: true, threshold: true, aiAnalysis: true } }) : null;

  const { object: p } = await generateObject({
    organizationId: opts.organizationId,
    agent: AGENT,
    operation: "proposal",
    idempotencyKey: opts.aiKey,
    schema: proposalSchema,
    system:
      "Tu es un expert en publicité digitale. Crée une proposition de campagne complète basée sur ce contenu qui performe en organique. Inclus : objectif (awareness/traffic/leads/conversions), ciblage détaillé (démographie, intérêts, audiences similaires), budget quotidien et durée, structure (ad sets), 3 variantes de textes publicitaires, 3 suggestions visuelles, et la justification. Réponds en JSON structuré, dans la langue de la marque.",
    prompt: [
      `Marque: ${piece.brand.name}`,
      `Audience cible: ${piece.brand.targetAudience}`,
      `Voix de marque: ${piece.brand.voice}`,
      `Plateforme publicitaire: ${account.platform}`,
      `Pays ciblables: ${countries.join(", ")}`,
      `Devise: ${settings.currency} (montants en centimes)`,
      `Plafond par campagne (centimes): ${settings.campaignCapMinor}`,
      signal ? `Signal: taux d'engagement ${signal.engagementRate.toFixed(2)} % contre un seuil de ${signal.threshold.toFixed(2)} %` : "Demande manuelle d'amplification",
    ].join("\n"),
    data: { content: piece.body, title: piece.title ?? "", signalAnalysis: signal?.aiAnalysis ?? "" },
  });

  // Budget rules in code: the total (daily x days) never exceeds the per-campaign cap; ages ordered; countries from the brand.
  const days = p.durationDays;
  const daily = Math.max(100, Math.min(p.dailyBudgetMinor, Math.floor(settings.campaignCapMinor / days)));
  const total = daily * days;
  const allowed = new Set(countries);
  const chosen = [...new Set(p.targeting.countries.map((c) => c.toUpperCase()))].filter((c) => allowed.has(c));
  const targeting = {
    countries: chosen.length ? chosen : countries,
    ageMin: Math.min(p.targeting.ageMin, p.targeting.ageMax - 5),
    ageMax: Math.max(p.targeting.ageMax, p.targeting.ageMin + 5),
    interests: p.targeting.interests,
    ...(p.targeting.lookalike ? { lookalike: p.targeting.lookalike } : {}),
  };
  const link = piece.brand.websiteUrl ?? piece.publications[0]?.platformPostUrl ?? env().APP_URL ?? "https://marketingengine.app";

  // Visuals (one per copy variant) in the platform's accepted format, stored before the rows that point at them.
  const size = IMAGE_SIZE[account.platform] ?? null;
  const images: ({ id: string; storageKey: string; width: number; height: number; sizeBytes: number; checksum: string; prompt: string } | null)[] = [];
  for (const [i, visual] of p.visuals.entries()) {
    if (!size) {
      images.push(null);
      continue;
    }
    const prompt = `Visuel publicitaire pour ${piece.brand.name} (${size === "1024x1536" ? "format portrait 9:16" : "format carré 1:1"}). ${visual}. ${piece.brand.visualGuidelines ?? ""} Pas de texte incrusté.`.trim();
    const img = await generateImage({ organizationId: opts.organizationId, agent: AGENT, operation: `visual:${LABELS[i]}`, idempotencyKey: opts.aiKey ? `${opts.aiKey}:visual:${i}` : undefined, prompt, size });
    const bytes = new Uint8Array(img.png);
    const storageKey = mediaKey({ organizationId: opts.organizationId, id: `${campaignId}-${LABELS[i]}`, contentType: "image/png", folder: "originals", date: now });
    await storage().put(storageKey, bytes, { contentType: "image/png" });
    images.push({ id: `${campaignId}m${i}`, storageKey, width: img.width, height: img.height, sizeBytes: bytes.byteLength, checksum: createHash("sha256").update(bytes).digest("hex"), prompt });
  }

  const perSet = Math.floor(daily / p.adSets.length);
  await db().$transaction(async (tx) => {
    await tx.adCampaign.create({
      data: {
        id: campaignId,
        organizationId: opts.organizationId,
        brandId: piece.brandId,
        adAccountId: account.id,
        platform: account.platform,
        contentSignalId: opts.signalId ?? null,
        sourceContentPieceId: piece.id,
        name: p.name,
        objective: p.objective,
        status: "DRAFT",
        currency: settings.currency,
        dailyBudgetMinor: daily,
        totalBudgetMinor: total,
        startAt: now,
        endAt: new Date(now.getTime() + days * 86_400_000),
        targeting,
        proposal: { rationale: p.rationale, visuals: p.visuals, adSets: p.adSets, durationDays: days, requestedDailyMinor: p.dailyBudgetMinor, copies: p.copies },
        expectedKpis: kpis,
        createdById: opts.requestedById ?? null,
        createdAt: now,
      },
    });
    for (const img of images) {
      if (!img) continue;
      await tx.mediaAsset.upsert({
        where: { storageKey: img.storageKey },
        update: {},
        create: { id: img.id, organizationId: opts.organizationId, brandId: piece.brandId, kind: "IMAGE", source: "AI_GENERATED", storageKey: img.storageKey, mimeType: "image/png", sizeBytes: BigInt(img.sizeBytes), checksumSha256: img.checksum, width: img.width, height: img.height, aiPrompt: img.prompt },
      });
    }
    for (const [s, set] of p.adSets.entries()) {
      const adSetId = `${campaignId}s${s}`;
      await tx.adSet.create({
        data: { id: adSetId, organizationId: opts.organizationId, campaignId, adAccountId: account.id, name: set.name, currency: settings.currency, dailyBudgetMinor: s === 0 ? daily - perSet * (p.adSets.length - 1) : perSet, targeting, optimizationGoal: p.objective, billingEvent: "IMPRESSIONS" },
      });
      await tx.adCreative.createMany({
        data: p.copies.map((c, i) => ({
          id: `${campaignId}s${s}c${i}`,
          organizationId: opts.organizationId,
          campaignId,
          adSetId,
          adAccountId: account.id,
          name: `${set.name} – ${LABELS[i]}`,
          variantLabel: LABELS[i],
          headline: c.headline,
          primaryText: c.primaryText,
          description: c.description || null,
          callToAction: c.callToAction,
          linkUrl: link,
          mediaAssetId: images[i]?.id ?? null,
          sourceContentPieceId: piece.id,
        })),
      });
    }
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "campaign.proposed", payload: { campaignId, contentPieceId: piece.id } });
  });
  return { campaignId, created: true, revision: 1 };
}
