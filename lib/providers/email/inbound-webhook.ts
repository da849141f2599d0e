import "server-only";
import { hkdfSync } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/**
 * The email provider's inbound webhook signature: Resend signs with Svix, which is Standard Webhooks —
 * headers `svix-id`, `svix-timestamp`, `svix-signature` (or the unbranded `webhook-*`), `v1,<base64>`
 * HMAC-SHA256 over `${id}.${timestamp}.${rawBody}` with the base64 key after `whsec_`, timestamps more
 * than 5 minutes off refused. Verified by the `standardwebhooks` library (the reference implementation
 * of the spec, already a dependency of the Resend and Anthropic SDKs), not by hand.
 *
 * The secret is RESEND_WEBHOOK_SECRET (Resend dashboard -> Webhooks -> signing secret). Without an
 * email vendor (the outbox, embedded default) it is derived from AUTH_SECRET, so the offline inbox's
 * simulated replies go through the same signed path; with Resend and no secret, nothing is accepted.
 */
export type InboundWebhookCheck = { ok: true; id: string } | { ok: false; reason: string };

export function inboundWebhookSecret(): string | null {
  const e = env();
  if (e.RESEND_WEBHOOK_SECRET) return e.RESEND_WEBHOOK_SECRET;
  if (e.RESEND_API_KEY) return null;
  return `whsec_${Buffer.from(hkdfSync("sha256", authSecret(), "", "email-inbound-webhook:v1", 32)).toString("base64")}`;
}

function header(headers: Headers, name: string): string | null {
  return headers.get(`svix-${name}`) ?? headers.get(`webhook-${name}`);
}

export function verifyInboundWebhook(opts: { rawBody: Uint8Array; headers: Headers }): InboundWebhookCheck {
  const secret = inboundWebhookSecret();
  if (!secret) return { ok: false, reason: "RESEND_WEBHOOK_SECRET is not set" };
  const id = header(opts.headers, "id");
  const timestamp = header(opts.headers, "timestamp");
  const signature = header(opts.headers, "signature");
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing svix-id, svix-timestamp or svix-signature" };
  try {
    new Webhook(secret).verify(Buffer.from(opts.rawBody), { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature }, { jsonParse: false });
    return { ok: true, id };
  } catch (err) {
    if (err instanceof WebhookVerificationError) return { ok: false, reason: err.message };
    return { ok: false, reason: "invalid secret" };
  }
}

/** Signs an event as the provider would (the offline inbox's simulated replies; tests sign with the same library). */
export function signInboundWebhook(opts: { id: string; rawBody: string; at?: Date }): Headers {
  const secret = inboundWebhookSecret();
  if (!secret) throw new Error("no inbound webhook secret");
  const at = opts.at ?? new Date();
  const signature = new Webhook(secret).sign(opts.id, at, opts.rawBody);
  return new Headers({ "content-type": "application/json", "svix-id": opts.id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature });
}
