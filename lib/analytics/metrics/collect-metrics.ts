import "server-only";
import { agentNotInactive } from "@/lib/agents/active-filter";
import { connectors, type ConnectorRegistry } from "@/lib/connectors/registry";
import { isConnectorError } from "@/lib/connectors/errors";
import { platformKeyOf, type PlatformConnector } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { childLogger } from "@/lib/log";
import { connectorContextFor } from "@/lib/oauth/tokens";
import { computeEngagement, engagementRateOf, METRICS_WINDOW_DAYS, metricsSlotOf } from "./compute-engagement";
import type { CollectMetricsResult } from "@/lib/analytics/metrics/contracts";
export type { CollectMetricsResult };

/** `contentPieceId`: only that piece's publications and its variants' ("collect now" on a piece). */
export type CollectMetricsOptions = { organizationId: string; contentPieceId?: string; now?: Date; registry?: ConnectorRegistry };

const SOCIAL: Platform[] = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"];

/** Where the filter of eligible publications lives, shared with the cron's fan-out. */
export function measurablePublications(now: Date) {
  return {
    status: "POSTED" as const,
    platform: { in: SOCIAL },
    platformPostId: { not: null },
    postedAt: { gte: new Date(now.getTime() - METRICS_WINDOW_DAYS * 86_400_000), lte: now },
    socialAccount: { status: "ACTIVE" as const, OR: [{ rateLimitedUntil: null }, { rateLimitedUntil: { lte: now } }] },
  };
}

/** Organisations with at least one publication to measure now (MKT-108 fans out over these). */
export async function listOrganizationsToMeasure(opts: { now?: Date } = {}): Promise<string[]> {
  // MKT-108 switched off in an organisation: it is not measured.
  const rows = await db().publication.findMany({ where: { ...measurablePublications(opts.now ?? new Date()), organization: agentNotInactive("MKT-108") }, distinct: ["organizationId"], select: { organizationId: true } });
  return rows.map((r) => r.organizationId);
}

/**
 * MKT-108 for one organisation: every POSTED publication younger than 30 days on an ACTIVE account
 * -> connector.fetchMetrics -> one ContentMetricSnapshot per (publication, 2-hour slot) (upsert, so a
 * re-run in the same slot refreshes the row instead of adding one). Then each touched piece gets the
 * totals of its publications' latest snapshots (engagementRate, engagementScore) and each publication
 * its metricsCollectedAt. A failing publication is reported and skipped; the others are still measured.
 */
export async function collectMetrics(opts: CollectMetricsOptions): Promise<CollectMetricsResult> {
  const now = opts.now ?? new Date();
  const capturedAt = metricsSlotOf(now);
  const registry = opts.registry ?? connectors;
  const log = childLogger({ module: "mkt-108", organizationId: opts.organizationId });
  const scope = opts.contentPieceId ? { OR: [{ contentPieceId: opts.contentPieceId }, { contentPiece: { parentId: opts.contentPieceId } }] } : {};
  const pubs = await db().publication.findMany({
    where: { organizationId: opts.organizationId, AND: [scope, measurablePublications(now)] },
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
      const figures = computeEngagement(raw);
      const data = { ...figures, raw: raw as object };
      await db().contentMetricSnapshot.upsert({
        where: { publicationId_capturedAt: { publicationId: p.id, capturedAt } },
        create: { organizationId: opts.organizationId, publicationId: p.id, contentPieceId: p.contentPieceId, platform: p.platform, capturedAt, ...data },
        update: data,
      });
      await db().publication.update({ where: { id: p.id }, data: { metricsCollectedAt: now } });
      result.publicationIds.push(p.id);
    } catch (err) {
      if (!isConnectorError(err)) throw err; // database and programming errors fail the step (it is retried)
      log.warn({ err, publicationId: p.id }, "metrics collection failed for a publication");
      result.failed.push({ publicationId: p.id, reason: `${err.kind}: ${err.message}` });
    }
  }
  const pieceIds = [...new Set(pubs.filter((p) => result.publicationIds.includes(p.id)).map((p) => p.contentPieceId))];
  for (const pieceId of pieceIds) await refreshPieceEngagement(opts.organizationId, pieceId);
  return result;
}

/** A piece's figures = totals over its publications' latest snapshots (rate = total engagements / total impressions). */
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
