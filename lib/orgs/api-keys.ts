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
  return toDto(await db().apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } }));
}

/** Resolve a presented key to its organisation, or null. Records last use (at most once a minute). */
export async function verifyApiKey(key: string): Promise<{ id: string; scopes: ApiKeyScope[]; organization: { id: string; slug: string; name: string } } | null> {
  if (!/^me_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}$/.test(key)) return null;
  // Every ingestion request starts here: one SQL round trip on the pg pool (no ORM query planning).
  const found = await sqlPool().query<{ id: string; scopes: string[]; revokedAt: Date | null; lastUsedAt: Date | null; orgId: string; slug: string; name: string }>(
    `SELECT k.id, k.scopes, k."revokedAt", k."lastUsedAt", o.id AS "orgId", o.slug, o.name
       FROM api_keys k JOIN organizations o ON o.id = k."organizationId" WHERE k."keyHash" = $1`,
    [sha256(key)],
  );
  const r = found.rows[0];
  if (!r || r.revokedAt) return null;
  const row = { id: r.id, scopes: r.scopes, organization: { id: r.orgId, slug: r.slug, name: r.name } };
  // "Last used" to the minute: written at most once a minute per key, and only by the request that wins the race.
  if (!r.lastUsedAt || Date.now() - r.lastUsedAt.getTime() > 60_000) {
    await sqlPool().query(`UPDATE api_keys SET "lastUsedAt" = now() WHERE id = $1 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '60 seconds')`, [r.id]);
  }
  return { id: row.id, scopes: knownScopes(row.scopes), organization: row.organization };
}
