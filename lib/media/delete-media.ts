import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { storage } from "@/lib/providers/storage";
import { thumbnailKeyOf } from "./media-dto";

/**
 * Delete an asset and its stored files. Refused (409) while a content piece or an input uses it,
 * so a scheduled post never loses its media. Another organisation's id -> 404.
 */
export async function deleteMedia(opts: { organizationId: string; assetId: string }): Promise<{ deleted: true }> {
  const row = await db().mediaAsset.findFirst({
    where: { id: opts.assetId, organizationId: opts.organizationId },
    select: { id: true, storageKey: true, _count: { select: { pieces: true, contentInputs: true, adCreatives: true } } },
  });
  if (!row) throw notFound("media");
  const uses = row._count.pieces + row._count.contentInputs + row._count.adCreatives;
  if (uses > 0) throw new AppError("conflict", "media.inUse", { values: { count: uses } });
  await db().mediaAsset.delete({ where: { id: row.id } });
  await storage().delete(row.storageKey);
  await storage().delete(thumbnailKeyOf(row.storageKey));
  return { deleted: true };
}
