import "server-only";
import type { ConnectorRegistry } from "@/lib/connectors/registry";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { collectMetrics, type CollectMetricsResult } from "./collect-metrics";

export type CollectContentMetricsNowOptions = { organizationId: string; contentPieceId: string; now?: Date; registry?: ConnectorRegistry };

/**
 * "Collect metrics now" on a content piece: MKT-108's collection narrowed to the piece's own
 * publications and its variants' (the ones its metrics chart shows), run at once instead of on the
 * 2-hour tick, with the same eligibility and per-slot idempotency. Another organisation's piece -> 404.
 */
export async function collectContentMetricsNow(opts: CollectContentMetricsNowOptions): Promise<CollectMetricsResult> {
  const piece = await db().contentPiece.findFirst({ where: { id: opts.contentPieceId, organizationId: opts.organizationId }, select: { id: true } });
  if (!piece) throw notFound("content");
  return collectMetrics({ organizationId: opts.organizationId, contentPieceId: piece.id, now: opts.now, registry: opts.registry });
}
