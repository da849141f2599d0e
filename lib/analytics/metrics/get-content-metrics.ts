import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { MetricPointDto, PublicationMetricsDto, ContentMetricsDto } from "@/lib/analytics/metrics/contracts";
export type { MetricPointDto, PublicationMetricsDto, ContentMetricsDto };

/**
 * Time series of a content piece's snapshots (its variants included), one series per publication,
 * oldest first. `publicationId` narrows to one publication. Another organisation's piece -> 404.
 */
export async function getContentMetrics(opts: { organizationId: string; contentPieceId: string; publicationId?: string }): Promise<ContentMetricsDto> {
  const piece = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true, engagementRate: true, engagementScore: true } });
  if (!piece) throw notFound("content");
  const pubs = await db().publication.findMany({
    where: {
      organizationId: opts.organizationId,
      OR: [{ contentPieceId: piece.id }, { contentPiece: { parentId: piece.id } }],
      ...(opts.publicationId ? { id: opts.publicationId } : {}),
    },
    orderBy: { scheduledAt: "asc" },
    select: {
      id: true,
      platform: true,
      postedAt: true,
      metricSnapshots: {
        orderBy: { capturedAt: "asc" },
        select: { capturedAt: true, impressions: true, reach: true, engagements: true, likes: true, comments: true, shares: true, saves: true, clicks: true, engagementRate: true, engagementScore: true },
      },
    },
  });
  if (opts.publicationId && pubs.length === 0) throw notFound("publication");
  return {
    contentPieceId: piece.id,
    engagementRate: piece.engagementRate,
    engagementScore: piece.engagementScore,
    publications: pubs.map((p) => ({
      publicationId: p.id,
      platform: p.platform,
      postedAt: p.postedAt?.toISOString() ?? null,
      points: p.metricSnapshots.map((s) => ({ ...s, capturedAt: s.capturedAt.toISOString() })),
    })),
  };
}
