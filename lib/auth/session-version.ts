import "server-only";
import { db } from "@/lib/db/client";

/**
 * Session revocation (issue 10, row 10). Every session (a JWT) carries the user's session version as it
 * was at sign-in; each request compares it with the current one (lib/auth/index.ts, jwt callback) and a
 * session with an older version is ended (its cookie cleared). Bumped by "sign out everywhere", a password
 * change and removal from an organisation. The current version is cached in this process for CACHE_MS,
 * and a bump in this process clears its entry at once (other processes see it within CACHE_MS).
 */
export const SESSION_VERSION_CACHE_MS = 30_000;
const cache = new Map<string, { version: number | null; at: number }>();

/** The user's current session version (null: no such user), cached briefly. */
export async function currentSessionVersion(userId: string, opts: { fresh?: boolean; now?: number } = {}): Promise<number | null> {
  const now = opts.now ?? Date.now();
  const hit = cache.get(userId);
  if (hit && !opts.fresh && now - hit.at < SESSION_VERSION_CACHE_MS) return hit.version;
  const row = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  const version = row?.sessionVersion ?? null;
  if (cache.size > 10_000) cache.clear();
  cache.set(userId, { version, at: now });
  return version;
}

/** Ends every session of the user (those signed in before this call). */
export async function bumpSessionVersion(userId: string): Promise<number> {
  const row = await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
  cache.delete(userId);
  return row.sessionVersion;
}

/** Drops this process's cached version of the user (after a write that bumped it). */
export function forgetSessionVersion(userId: string): void {
  cache.delete(userId);
}
