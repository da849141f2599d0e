import { z } from "zod";
import { connectors, type ConnectorRegistry } from "@/lib/connectors/registry";
import { isConnectorError } from "@/lib/connectors/errors";
import { platformKeyOf, type PlatformConnector } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { connectorContextFor } from "@/lib/oauth/tokens";
import type { CollectMetricsResult } from "./collect-metrics";
import { measurablePublications } from "./collect-metrics";
import { computeEngagement, engagementRateOf, metricsSlotOf } from "./compute-engagement";

/** POST /content/[id]/metrics/collect takes no options: `{}` (strict, unknown fields are errors). */
export const collectContentMetricsNowSchema = z.object({}).strict();

export type CollectContentMetricsNowOptions = { organizationId: string; contentPieceId: string; now?: Date; registry?: ConnectorRegistry };

/**
 * "Collect metrics now" on a content piece: MKT-108's collection (collectMetrics) narrowed to the
 * piece's own publications and its variants' (the ones its metrics chart shows), run at once instead
 * of on the 2-hour tick. Same eligibility (POSTED, < 30 days, ACTIVE account not rate-limited) and the
 * same per-slot idempotency: one ContentMetricSnapshot per (publication, 2-hour slot), upserted, so
 * pressing it twice in a slot refreshes that slot's row. Another organisation's piece -> 404.
 * A publication whose platform call fails is reported in `failed`; the others are still measured.
 */
export async function collectContentMetricsNow(opts: CollectContentMetricsNowOptions): Promise<CollectMetricsResult> {
  const now = opts.now ?? new Date();
  const capturedAt = metricsSlotOf(now);
  const registry = opts.registry ?? connectors;
  const piece = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true } });
  if (!piece) throw notFound("Content");
  const log = childLogger({ module: "mkt-108-now", organizationId: opts.organizationId, contentPieceId: piece.id });
  const pubs = await db().publication.findMany({
    where: {
      organizationId: opts.organizationId,
      AND: [{ OR: [{ contentPieceId: piece.id }, { contentPiece: { parentId: piece.id } }] }, measurablePublications(now)],
    },
    select: { id: true, contentPieceId: true, platform: true, platformPostId: true, socialAccountId: true, socialAccount: { select: { platform: true, isSandbox: true } } },
    orderBy: { postedAt: "asc" },
  });
  const result: CollectMetricsResult = { capturedAt: capturedAt.toISOString(), publicationIds: [], failed: [] };
  const contexts = new Map<string, Awaited<ReturnType<typeof connectorContextFor>>>();
  for (const p of pubs) {
    try {
      let ctx = contexts.get(p.socialAccountId);
      if (!ctx) contexts.set(p.socialAccountId, (ctx = await connectorContextFor(p.socialAccountId, opts.organizationId)));
      const connector = registry.forAccount({ platform: platformKeyOf(p.socialAccount.platform), isSandbox: p.socialAccount.isSandbox }) as PlatformConnector;
      const raw = await connector.fetchMetrics(ctx, p.platformPostId!);
      const data = { ...computeEngagement(raw), raw: raw as object };
      await db().contentMetricSnapshot.upsert({
        where: { publicationId_capturedAt: { publicationId: p.id, capturedAt } },
        create: { organizationId: opts.organizationId, publicationId: p.id, contentPieceId: p.contentPieceId, platform: p.platform, capturedAt, ...data },
        update: data,
      });
      await db().publication.update({ where: { id: p.id }, data: { metricsCollectedAt: now } });
      result.publicationIds.push(p.id);
    } catch (err) {
      if (!isConnectorError(err)) throw err;
      log.warn({ err, publicationId: p.id }, "metrics collection failed for a publication");
      result.failed.push({ publicationId: p.id, reason: `${err.kind}: ${err.message}` });
    }
  }
  const touched = [...new Set(pubs.filter((p) => result.publicationIds.includes(p.id)).map((p) => p.contentPieceId))];
  for (const id of touched) await refreshPieceEngagement(opts.organizationId, id);
  return result;
}

/** As collectMetrics does: a piece's figures = totals over its publications' latest snapshots. */
async function refreshPieceEngagement(organizationId: string, contentPieceId: string): Promise<void> {
  const latest = await db().contentMetricSnapshot.findMany({
    where: { organizationId, contentPieceId },
    orderBy: [{ publicationId: "asc" }, { capturedAt: "desc" }],
    distinct: ["publicationId"],
    select: { impressions: true, reach: true, engagements: true, engagementScore: true },
  });
  const sum = latest.reduce((a, s) => ({ impressions: a.impressions + s.impressions, reach: a.reach + s.reach, engagements: a.engagements + s.engagements, score: a.score + s.engagementScore }), { impressions: 0, reach: 0, engagements: 0, score: 0 });
  await db().contentPiece.updateMany({
    where: { id: contentPieceId, organizationId },
    data: { engagementScore: sum.score, engagementRate: engagementRateOf(sum.engagements, sum.impressions, sum.reach) },
  });
}
