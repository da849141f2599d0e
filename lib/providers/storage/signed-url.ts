import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/**
 * Expiring, HMAC-signed URLs for the local store: /api/media/<key>?exp=<unix seconds>&sig=<base64url>.
 * The signing key is derived from AUTH_SECRET (HKDF, its own label), so it rotates with it.
 */
const VERSION = "v1";

function signingKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "", `media-url:${VERSION}`, 32));
}

function mac(key: string, exp: number): string {
  return createHmac("sha256", signingKey()).update(`${VERSION}\n${key}\n${exp}`).digest("base64url");
}

export function publicBaseUrl(): string {
  const e = env();
  return (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}

export function signMediaUrl(key: string, ttlSeconds: number, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + Math.max(1, Math.floor(ttlSeconds));
  const path = key.split("/").map(encodeURIComponent).join("/");
  return `${publicBaseUrl()}/api/media/${path}?exp=${exp}&sig=${mac(key, exp)}`;
}

export type SignatureCheck = { ok: true; expiresAt: number } | { ok: false; reason: "missing" | "expired" | "invalid" };

export function verifyMediaSignature(key: string, exp: string | null, sig: string | null, now = Date.now()): SignatureCheck {
  if (!exp || !sig) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(exp)) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(mac(key, Number(exp)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  if (Number(exp) * 1000 <= now) return { ok: false, reason: "expired" };
  return { ok: true, expiresAt: Number(exp) };
}
