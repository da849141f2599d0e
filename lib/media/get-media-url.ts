import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { storage } from "@/lib/providers/storage";

/**
 * The URL publishing hands to a platform (Meta and TikTok pull media from it; LinkedIn and X
 * connectors download it): signed, expiring, never stored. Only READY assets are published.
 */
export async function getMediaSignedUrl(opts: { organizationId: string; assetId: string; ttlSeconds?: number }): Promise<{ url: string; mimeType: string; sizeBytes: number; durationSec: number | null; kind: string }> {
  const row = await db().mediaAsset.findFirst({ where: { id: opts.assetId, organizationId: opts.organizationId }, select: { storageKey: true, status: true, mimeType: true, sizeBytes: true, durationMs: true, kind: true } });
  if (!row) throw notFound("media");
  if (row.status !== "READY") throw new AppError("conflict", "media.notReady");
  return {
    url: await storage().signedUrl(row.storageKey, opts.ttlSeconds ?? 6 * 3600),
    mimeType: row.mimeType,
    sizeBytes: Number(row.sizeBytes),
    durationSec: row.durationMs === null ? null : row.durationMs / 1000,
    kind: row.kind,
  };
}
