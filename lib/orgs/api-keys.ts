import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, sqlPool } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/roles";
import type { ApiKeyDto } from "@/lib/orgs/contracts";
export type { ApiKeyDto };

/**
 * Organisation API keys: `me_<prefix>_<secret>`. Shown once at creation; only the SHA-256 of the
 * whole key is stored (a high-entropy random key needs no slow KDF), plus the prefix for display.
 * Each key has scopes (lib/auth/roles.ts): ingest (the default), read, write.
 */
const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

const knownScopes = (scopes: readonly string[]): ApiKeyScope[] => API_KEY_SCOPES.filter((s) => scopes.includes(s));

function toDto(k: { id: string; name: string; prefix: string; scopes: string[]; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiKeyDto {
  return { id: k.id, name: k.name, prefix: k.prefix, scopes: knownScopes(k.scopes), createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null };
}

export async function createApiKey(opts: { organizationId: string; name: string; scopes?: readonly ApiKeyScope[]; createdById?: string }): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const prefix = randomBytes(4).toString("hex");
  const key = `me_${prefix}_${randomBytes(24).toString("base64url")}`;
  const row = await db().apiKey.create({
    data: { organizationId: opts.organizationId, name: opts.name, prefix, keyHash: sha256(key), scopes: knownScopes(opts.scopes ?? ["ingest"]), createdById: opts.createdById ?? null },
  });
  return { key, apiKey: toDto(row) };
}

export async function listApiKeys(opts: { organizationId: string }): Promise<ApiKeyDto[]> {
  const rows = await db().apiKey.findMany({ where: { organizationId: opts.organizationId }, orderBy: { createdAt: "desc" } });
  return rows.map(toDto);
}

export async function revokeApiKey(opts: { organizationId: string; id: string }): Promise<ApiKeyDto> {
  const row = await db().apiKey.findFirst({ where: { id: opts.id, organizationId: opts.organizationId } });
  if (!row) throw notFound("apiKey");
  if (row.revokedAt) throw new AppError("conflict", "orgs.apiKeyRevoked");
  const revoked = await db().apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  forgetVerifiedKey(row.keyHash);
  return toDto(revoked);
}

type VerifiedKey = { id: string; scopes: ApiKeyScope[]; organization: { id: string; slug: string; name: string } };

/**
 * Keys verified in the last VERIFIED_KEY_TTL_MS, by hash (shared by every bundle of the process, like the
 * pools): a burst of webhooks with one key costs one SQL round trip per 10 s instead of one per request.
 * Only valid keys are kept (a flood of wrong keys cannot fill it; they cost their round trip). A key revoked
 * through this process is forgotten at once; revoked through another process (several web instances) it
 * is refused there within the TTL.
 */
export const VERIFIED_KEY_TTL_MS = 10_000;
const VERIFIED_KEY_MAX = 1_000;
const keyCache = ((globalThis as unknown as { __meVerifiedKeys?: Map<string, { at: number; key: Promise<VerifiedKey | null> }> }).__meVerifiedKeys ??= new Map());

function forgetVerifiedKey(hash: string): void {
  keyCache.delete(hash);
}

export async function verifyApiKey(key: string): Promise<VerifiedKey | null> {
  if (!/^me_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}$/.test(key)) return null;
  const hash = sha256(key);
  const now = Date.now();
  const hit = keyCache.get(hash);
  if (hit && now - hit.at < VERIFIED_KEY_TTL_MS) return hit.key;
  // Concurrent requests with the same key share one look-up; only a valid key stays cached.
  const lookup = lookUpApiKey(hash);
  if (keyCache.size >= VERIFIED_KEY_MAX) keyCache.clear();
  keyCache.set(hash, { at: now, key: lookup });
  const found = await lookup.catch((err: unknown) => {
    if (keyCache.get(hash)?.key === lookup) keyCache.delete(hash);
    throw err;
  });
  if (!found && keyCache.get(hash)?.key === lookup) keyCache.delete(hash);
  return found;
}

async function lookUpApiKey(hash: string): Promise<VerifiedKey | null> {
  // One SQL round trip on the pg pool (no ORM query planning).
  const found = await sqlPool().query<{ id: string; scopes: string[]; revokedAt: Date | null; lastUsedAt: Date | null; orgId: string; slug: string; name: string }>(
    `SELECT k.id, k.scopes, k."revokedAt", k."lastUsedAt", o.id AS "orgId", o.slug, o.name
       FROM api_keys k JOIN organizations o ON o.id = k."organizationId" WHERE k."keyHash" = $1`,
    [hash],
  );
  const r = found.rows[0];
  if (!r || r.revokedAt) return null;
  // "Last used" to the minute: written at most once a minute per key, and only by the request that wins the race.
  if (!r.lastUsedAt || Date.now() - r.lastUsedAt.getTime() > 60_000) {
    await sqlPool().query(`UPDATE api_keys SET "lastUsedAt" = now() WHERE id = $1 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '60 seconds')`, [r.id]);
  }
  return { id: r.id, scopes: knownScopes(r.scopes), organization: { id: r.orgId, slug: r.slug, name: r.name } };
}
