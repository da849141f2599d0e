import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * The lead's booking link /book/<token>: `<payload>.<mac>` (base64url), payload { v, o: organisation,
 * b: booking }, mac = HMAC-SHA256 with a key derived from AUTH_SECRET (HKDF, own label). The booking's
 * state decides what the page offers (a picked or cancelled proposal offers nothing new).
 */
type Payload = { v: 1; o: string; b: string };

const key = (secret: string = authSecret()) => Buffer.from(hkdfSync("sha256", secret, "", "lead-booking-link:v1", 32));

export function signBookingToken(p: { organizationId: string; bookingId: string }, secret?: string): string {
  const body = Buffer.from(JSON.stringify({ v: 1, o: p.organizationId, b: p.bookingId } satisfies Payload)).toString("base64url");
  return `${body}.${createHmac("sha256", key(secret)).update(body).digest("base64url")}`;
}

/** Signature first (constant time), then shape; null for anything else. */
export function verifyBookingToken(token: string, secret?: string): { organizationId: string; bookingId: string } | null {
  if (typeof token !== "string" || token.length > 2048) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = createHmac("sha256", key(secret)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Payload;
    return p?.v === 1 && typeof p.o === "string" && typeof p.b === "string" ? { organizationId: p.o, bookingId: p.b } : null;
  } catch {
    return null;
  }
}
