import "server-only";
import { z } from "zod";
import { METRICS_WINDOW_DAYS } from "@/lib/analytics/metrics/compute-engagement";
import { db, type Prisma } from "@/lib/db/client";
import { BRAND_PROMPT_SELECT, brandBrief } from "@/lib/brands/brand-prompt";
import type { Platform } from "@/lib/db/generated/enums";
import { childLogger } from "@/lib/log";
import { AiOutputError, AiProviderError, AiQuotaError, generateObject } from "@/lib/providers/ai";
import { findOutliers, MIN_SAMPLE_SIZE } from "./signal-stats";
import { agentNotInactive } from "@/lib/agents/active-filter";

export const SIGNAL_AGENT = "mkt-109-detect-signals";

export const signalExplanationSchema = z
  .object({
    whyItWorks: z.string().min(1).max(1500).describe("Why this post outperforms the brand's other posts on this platform"),
    howToAmplify: z.string().min(1).max(1500).describe("How to amplify it: paid promotion, audience, format, follow-up content"),
  })
  .strict();

export type DetectedSignalDto = {
  signalId: string;
  brandId: string;
  contentPieceId: string;
  publicationId: string;
  platform: Platform;
  engagementRate: number;
  threshold: number;
  strength: number;
  title: string;
};
export type SignalGroupReport = { brandId: string; platform: Platform; sampleSize: number; skipped?: "too_few_posts"; mean?: number; stdDev?: number; threshold?: number; outliers: number };
export type DetectSignalsResult = { signals: DetectedSignalDto[]; groups: SignalGroupReport[] };

/**
 * MKT-109 for one organisation. Population: every publication posted in the last 30 days that has
 * at least one metrics snapshot, each represented by its LATEST snapshot's engagement rate; grouped
 * by brand x platform. In a group of at least MIN_SAMPLE_SIZE publications, a rate strictly above
 * mean + 1.5 sigma (population sigma) is a winner. A publication gets at most one signal ever
 * (already-signalled ones are skipped; the (publication, type) unique key backs it). Each new signal
 * carries an AI explanation (why it works / how to amplify) from generateObject; when the AI cannot
 * answer (quota, invalid output) the signal is stored without it rather than lost.
 * AI calls happen before any write, so a step retried after an AI failure starts clean.
 *
 * `runKey` (MKT-109: `<runId>:detect-<org>`) is stored on each signal created, and the result is the
 * signals holding it plus the new ones, in publication id order. Each create commits on its own, so a
 * step replayed after a crash (or retried after a database error partway through) used to find its own
 * signals already there, skip them and return none: `signal/content.detected` was never sent for them
 * and MKT-202 never proposed a campaign. A replay now returns them again (their event id is derived from the
 * signal id, so a second send is deduplicated downstream).
 *
 * Before them come the organisation's signals of other runs never announced (`announcedAt` null: their
 * run gave up after its detect step committed, before its notify step marked them), oldest first, at
 * most UNANNOUNCED_BATCH: otherwise the next run found their publications signalled and skipped them,
 * and they were never sent nor notified. Announcing again is harmless: the event id `signal-<id>`,
 * the notification's dedupe key and MKT-202's proposal id are the signal's.
 */
export async function detectSignals(opts: { organizationId: string; runKey: string; now?: Date }): Promise<DetectSignalsResult> {
  const now = opts.now ?? new Date();
  const log = childLogger({ module: SIGNAL_AGENT, organizationId: opts.organizationId });
  const snaps = await db().contentMetricSnapshot.findMany({
    where: { organizationId: opts.organizationId, publication: { status: "POSTED", postedAt: { gte: new Date(now.getTime() - METRICS_WINDOW_DAYS * 86_400_000) } } },
    orderBy: [{ publicationId: "asc" }, { capturedAt: "desc" }],
    distinct: ["publicationId"],
    select: { publicationId: true, platform: true, engagementRate: true, contentPiece: { select: { id: true, brandId: true } } },
  });
  const groups = new Map<string, typeof snaps>();
  for (const s of snaps) {
    const key = `${s.contentPiece.brandId}|${s.platform}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const signalled = new Set(
    (await db().contentSignal.findMany({ where: { organizationId: opts.organizationId, publicationId: { in: snaps.map((s) => s.publicationId) } }, select: { publicationId: true } })).map((s) => s.publicationId),
  );
  // Earlier runs' signals never announced, oldest first: handed on again (their event was never sent).
  const unannounced = (
    await db().contentSignal.findMany({
      where: { organizationId: opts.organizationId, announcedAt: null, detectedAt: { lte: now }, OR: [{ runKey: null }, { runKey: { not: opts.runKey } }] },
      orderBy: [{ detectedAt: "asc" }, { id: "asc" }],
      take: UNANNOUNCED_BATCH,
      select: STORED_SIGNAL_SELECT,
    })
  ).map(storedSignal);
  // This run's own signals (a replay of the step): returned again, never re-created.
  const stored = (await db().contentSignal.findMany({ where: { organizationId: opts.organizationId, runKey: opts.runKey }, select: STORED_SIGNAL_SELECT })).map(storedSignal);
  const inOrder = (signals: DetectedSignalDto[]) => signals.sort((x, y) => (x.publicationId < y.publicationId ? -1 : x.publicationId > y.publicationId ? 1 : 0));
  const reports: SignalGroupReport[] = [];
  const candidates: { snap: (typeof snaps)[number]; strength: number; mean: number; stdDev: number; threshold: number; sampleSize: number }[] = [];
  for (const items of groups.values()) {
    const { brandId } = items[0]!.contentPiece;
    const platform = items[0]!.platform;
    const stats = findOutliers(items.map((i) => ({ id: i.publicationId, rate: i.engagementRate })), { minSample: MIN_SAMPLE_SIZE });
    if (!stats.ok) {
      reports.push({ brandId, platform, sampleSize: stats.sampleSize, skipped: stats.reason, outliers: 0 });
      continue;
    }
    reports.push({ brandId, platform, sampleSize: stats.sampleSize, mean: stats.mean, stdDev: stats.stdDev, threshold: stats.threshold, outliers: stats.outliers.length });
    for (const o of stats.outliers) {
      if (signalled.has(o.id)) continue;
      candidates.push({ snap: items.find((i) => i.publicationId === o.id)!, strength: o.strength, mean: stats.mean, stdDev: stats.stdDev, threshold: stats.threshold, sampleSize: stats.sampleSize });
    }
  }
  if (candidates.length === 0) return { signals: [...unannounced, ...inOrder(stored)], groups: reports };

  const pieces = new Map(
    (
      await db().contentPiece.findMany({
        where: { organizationId: opts.organizationId, id: { in: candidates.map((c) => c.snap.contentPiece.id) } },
        select: { id: true, title: true, body: true, hashtags: true, format: true, language: true, brand: { select: BRAND_PROMPT_SELECT } },
      })
    ).map((p) => [p.id, p]),
  );
  const explained = [];
  for (const c of candidates) {
    const piece = pieces.get(c.snap.contentPiece.id)!;
    let explanation: z.infer<typeof signalExplanationSchema> | null = null;
    try {
      const res = await generateObject({
        organizationId: opts.organizationId,
        agent: SIGNAL_AGENT,
        operation: "explain-signal",
        idempotencyKey: `${SIGNAL_AGENT}:${c.snap.publicationId}`,
        locale: piece.language === "en" ? "en" : "fr",
        schema: signalExplanationSchema,
        system: `You are a social media performance analyst. Explain concisely why a post outperforms and how to amplify it with paid or organic follow-ups, in the brand's voice and for its audience. Answer in the post's language.\n${brandBrief(piece.brand)}`,
        prompt:
          `Brand: ${piece.brand.name}. Platform: ${c.snap.platform}. Format: ${piece.format}. ` +
          `This post's engagement rate is ${c.snap.engagementRate.toFixed(2)}% while the brand's mean on this platform is ${c.mean.toFixed(2)}% ` +
          `(sigma ${c.stdDev.toFixed(2)}, ${c.sampleSize} posts, threshold ${c.threshold.toFixed(2)}%). Why does it work, and how should we amplify it?`,
        data: { post: { title: piece.title ?? "", body: piece.body, hashtags: piece.hashtags.join(" ") } },
        effort: "low",
      });
      explanation = res.object;
    } catch (err) {
      if (err instanceof AiProviderError && err.retryable) throw err; // transient: the step retries; nothing was written yet
      if (!(err instanceof AiOutputError || err instanceof AiQuotaError || err instanceof AiProviderError)) throw err;
      log.warn({ err, publicationId: c.snap.publicationId }, "signal stored without AI explanation");
    }
    explained.push({ c, piece, explanation });
  }

  const created: DetectedSignalDto[] = [];
  for (const { c, piece, explanation } of explained) {
    const row = await db().contentSignal
      .create({
        data: {
          organizationId: opts.organizationId,
          brandId: c.snap.contentPiece.brandId,
          contentPieceId: piece.id,
          publicationId: c.snap.publicationId,
          type: "HIGH_ENGAGEMENT",
          strength: c.strength,
          engagementRate: c.snap.engagementRate,
          meanRate: c.mean,
          stdDevRate: c.stdDev,
          threshold: c.threshold,
          sampleSize: c.sampleSize,
          aiAnalysis: explanation?.whyItWorks ?? null,
          aiRecommendation: explanation?.howToAmplify ?? null,
          detectedAt: now,
          runKey: opts.runKey,
        },
        // The figures as stored (a float read back can differ in its last digit), so a replay, which reads them, answers the same.
        select: { id: true, engagementRate: true, threshold: true, strength: true },
      })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === "P2002") return null; // a concurrent run signalled it first
        throw err;
      });
    if (!row) continue;
    created.push({
      signalId: row.id,
      brandId: c.snap.contentPiece.brandId,
      contentPieceId: piece.id,
      publicationId: c.snap.publicationId,
      platform: c.snap.platform,
      engagementRate: row.engagementRate,
      threshold: row.threshold,
      strength: row.strength,
      title: piece.title ?? piece.body.slice(0, 80),
    });
  }
  return { signals: [...unannounced, ...inOrder([...stored, ...created])], groups: reports };
}

/** Signals of earlier runs never announced that one detect step hands on at most (the rest wait for the next run). */
export const UNANNOUNCED_BATCH = 50;

const STORED_SIGNAL_SELECT = {
  id: true,
  brandId: true,
  contentPieceId: true,
  publicationId: true,
  engagementRate: true,
  threshold: true,
  strength: true,
  publication: { select: { platform: true } },
  contentPiece: { select: { title: true, body: true } },
} as const;

/** A signal row as STORED_SIGNAL_SELECT reads it: derived from the select, so the two cannot drift apart. */
type StoredSignalRow = Prisma.ContentSignalGetPayload<{ select: typeof STORED_SIGNAL_SELECT }>;

function storedSignal(r: StoredSignalRow): DetectedSignalDto {
  return {
    signalId: r.id,
    brandId: r.brandId,
    contentPieceId: r.contentPieceId,
    publicationId: r.publicationId,
    platform: r.publication.platform,
    engagementRate: r.engagementRate,
    threshold: r.threshold,
    strength: r.strength,
    title: r.contentPiece.title ?? r.contentPiece.body.slice(0, 80),
  };
}

/**
 * MKT-109's notify step, after signal/content.detected was sent and the notifications raised: the
 * signals are announced, and later runs no longer hand them on. Already-marked ones keep their time.
 */
export async function markSignalsAnnounced(opts: { organizationId: string; signalIds: string[]; now?: Date }): Promise<number> {
  if (opts.signalIds.length === 0) return 0;
  const { count } = await db().contentSignal.updateMany({
    where: { organizationId: opts.organizationId, id: { in: opts.signalIds }, announcedAt: null },
    data: { announcedAt: opts.now ?? new Date() },
  });
  return count;
}

/** Organisations with snapshots in the window (MKT-109 fans out over these). */
export async function listOrganizationsWithMetrics(opts: { now?: Date } = {}): Promise<string[]> {
  const since = new Date((opts.now ?? new Date()).getTime() - METRICS_WINDOW_DAYS * 86_400_000);
  const rows = await db().contentMetricSnapshot.findMany({ where: { capturedAt: { gte: since }, organization: agentNotInactive("MKT-109") }, distinct: ["organizationId"], select: { organizationId: true } });
  return rows.map((r) => r.organizationId);
}
