import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * Signed unsubscribe links (List-Unsubscribe, the footer link, the confirm page). A token is
 * `<payload>.<mac>`, both base64url: payload = JSON { v, o: organisation, l: lead, c: channel, a: the
 * normalised address }, mac = HMAC-SHA256 over the payload with a key derived from AUTH_SECRET (HKDF,
 * own label). No expiry: an unsubscribe link must work for as long as the email exists. Replays are
 * harmless (the suppression is one row per organisation, channel and address).
 */
export type UnsubscribeChannel = "EMAIL" | "WHATSAPP";
export type UnsubscribePayload = { v: 1; o: string; l: string; c: UnsubscribeChannel; a: string };

function key(secret: string = authSecret()): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", "lead-unsubscribe-token:v1", 32));
}

export function signUnsubscribeToken(p: { organizationId: string; leadId: string; channel: UnsubscribeChannel; address: string }, secret?: string): string {
  const payload: UnsubscribePayload = { v: 1, o: p.organizationId, l: p.leadId, c: p.channel, a: p.address };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${createHmac("sha256", key(secret)).update(body).digest("base64url")}`;
}

/** Signature first (constant time), then shape. */
export function verifyUnsubscribeToken(token: string, secret?: string): UnsubscribePayload | null {
  if (typeof token !== "string" || token.length > 2048) return null;
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [body, mac] = parts as [string, string];
  const expected = createHmac("sha256", key(secret)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as UnsubscribePayload;
    const ok = p?.v === 1 && typeof p.o === "string" && typeof p.l === "string" && (p.c === "EMAIL" || p.c === "WHATSAPP") && typeof p.a === "string" && p.a.length > 0;
    return ok ? p : null;
  } catch {
    return null;
  }
}
