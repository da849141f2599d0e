import "server-only";
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * Signed one-click approval links (email). A token is `<payload>.<mac>`, both base64url:
 * payload = JSON { v, r: requestId, a: action, e: expiry (unix s), n: random nonce }, mac = HMAC-SHA256
 * over the payload with a key derived from AUTH_SECRET (HKDF, own label). Only sha256(token) is stored
 * (ApprovalActionToken.tokenHash); single use is enforced in the database at redemption.
 */
export const ACTION_TOKEN_TTL_SECONDS = 72 * 3600;
export type ActionTokenAction = "APPROVE" | "REQUEST_CHANGES" | "REJECT";
export type ActionTokenPayload = { v: 1; r: string; a: ActionTokenAction; e: number; n: string };

const ACTIONS: ActionTokenAction[] = ["APPROVE", "REQUEST_CHANGES", "REJECT"];

export function actionTokenKey(secret: string = authSecret()): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", "approval-action-token:v1", 32));
}

export function signActionToken(opts: { requestId: string; action: ActionTokenAction; expiresAt: Date; key?: Buffer; nonce?: string }): string {
  const payload: ActionTokenPayload = { v: 1, r: opts.requestId, a: opts.action, e: Math.floor(opts.expiresAt.getTime() / 1000), n: opts.nonce ?? randomBytes(16).toString("base64url") };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const mac = createHmac("sha256", opts.key ?? actionTokenKey()).update(body).digest("base64url");
  return `${body}.${mac}`;
}

export type ActionTokenCheck = { ok: true; payload: ActionTokenPayload } | { ok: false; reason: "malformed" | "invalid" | "expired" };

/** Signature first (constant time), then shape, then expiry against `now`. */
export function verifyActionToken(token: string, opts: { now?: Date; key?: Buffer } = {}): ActionTokenCheck {
  if (typeof token !== "string" || token.length > 1024) return { ok: false, reason: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: "malformed" };
  const [body, mac] = parts as [string, string];
  const expected = createHmac("sha256", opts.key ?? actionTokenKey()).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let payload: ActionTokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as ActionTokenPayload;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (payload?.v !== 1 || typeof payload.r !== "string" || !ACTIONS.includes(payload.a) || !Number.isInteger(payload.e)) return { ok: false, reason: "malformed" };
  if (payload.e * 1000 <= (opts.now ?? new Date()).getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload };
}

export function hashActionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
