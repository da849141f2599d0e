import "server-only";
import { db } from "@/lib/db/client";
import { storage } from "@/lib/providers/storage";

export type SignedAsset = { id: string; url: string; mimeType: string; width: number | null; height: number | null; altText: string | null };

/**
 * The organisation's media assets among `ids` with a signed URL each (1 hour), for pages that show
 * them: an id of another organisation, or an asset whose URL cannot be signed, is left out.
 */
export async function signedAssets(organizationId: string, ids: readonly (string | null | undefined)[]): Promise<Map<string, SignedAsset>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await db().mediaAsset.findMany({ where: { organizationId, id: { in: wanted } }, select: { id: true, storageKey: true, mimeType: true, width: true, height: true, altText: true } });
  const signed = await Promise.all(rows.map(async ({ storageKey, ...a }) => ({ ...a, url: await storage().signedUrl(storageKey, 3600).catch(() => "") })));
  return new Map(signed.filter((a) => a.url).map((a) => [a.id, a]));
}
