import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Slack request signing (api.slack.com/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:{X-Slack-Request-Timestamp}:{raw body}")>`.
 * Requests whose timestamp is more than 5 minutes from now are rejected (replay protection).
 */
export const SLACK_TOLERANCE_SECONDS = 300;

export function slackSignature(opts: { secret: string; timestamp: string; body: string }): string {
  return `v0=${createHmac("sha256", opts.secret).update(`v0:${opts.timestamp}:${opts.body}`).digest("hex")}`;
}

export type SlackSignatureCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "invalid" };

export function verifySlackSignature(opts: { secret: string; timestamp: string | null; signature: string | null; body: string; now?: Date }): SlackSignatureCheck {
  if (!opts.secret || !opts.timestamp || !opts.signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(opts.timestamp)) return { ok: false, reason: "invalid" };
  const nowSeconds = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(opts.timestamp)) > SLACK_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(slackSignature({ secret: opts.secret, timestamp: opts.timestamp, body: opts.body }));
  const given = Buffer.from(opts.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  return { ok: true };
}
