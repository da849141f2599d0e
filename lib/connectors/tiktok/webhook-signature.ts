import { hmacHex, safeEqual } from "@/lib/connectors/webhook-signatures";

/**
 * TikTok's webhook signature (developers.tiktok.com/doc/webhooks-verification): header
 * `TikTok-Signature: t=<unix seconds>,s=<hex>` where s = HMAC-SHA256(app secret, `${t}.${raw body}`).
 * TikTok leaves the tolerance to the receiver: we refuse a timestamp more than 5 minutes away.
 */
export const TIKTOK_SIGNATURE_TOLERANCE_S = 300;

export type TiktokSignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

export function signTiktokWebhook(secret: string, rawBody: Uint8Array | string, timestamp: number): string {
  const body = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8");
  return `t=${timestamp},s=${hmacHex(secret, `${timestamp}.${body}`)}`;
}

export function verifyTiktokWebhook(opts: { secret: string; header: string | null; rawBody: Uint8Array; now: Date }): TiktokSignatureCheck {
  if (!opts.header) return { ok: false, reason: "missing TikTok-Signature" };
  const parts = new Map<string, string>();
  for (const element of opts.header.split(",")) {
    const at = element.indexOf("=");
    if (at > 0) parts.set(element.slice(0, at).trim(), element.slice(at + 1).trim());
  }
  const t = parts.get("t") ?? "";
  const s = parts.get("s") ?? "";
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/i.test(s)) return { ok: false, reason: "malformed TikTok-Signature" };
  const signedPayload = Buffer.concat([Buffer.from(`${t}.`), Buffer.from(opts.rawBody)]);
  if (!safeEqual(s.toLowerCase(), hmacHex(opts.secret, signedPayload))) return { ok: false, reason: "bad signature" };
  const age = Math.abs(Math.floor(opts.now.getTime() / 1000) - Number(t));
  if (age > TIKTOK_SIGNATURE_TOLERANCE_S) return { ok: false, reason: "stale timestamp" };
  return { ok: true, timestamp: Number(t) };
}
