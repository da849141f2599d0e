import "server-only";
import { db } from "@/lib/db/client";
import { MEDIA_SELECT, toMediaDto, type MediaAssetDto } from "./media-dto";

/** The organisation's media library, newest first. */
export async function listMedia(opts: { organizationId: string; kind?: MediaAssetDto["kind"]; limit?: number }): Promise<MediaAssetDto[]> {
  const rows = await db().mediaAsset.findMany({
    where: { organizationId: opts.organizationId, ...(opts.kind ? { kind: opts.kind } : {}) },
    orderBy: { createdAt: "desc" },
    take: opts.limit ?? 60,
    select: MEDIA_SELECT,
  });
  return Promise.all(rows.map(toMediaDto));
}
