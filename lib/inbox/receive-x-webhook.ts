import "server-only";
import { createXConnector } from "@/lib/connectors/x/connector";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { receiveInboxEvent } from "./receive-inbox-event";

export type XWebhookRequest = { method: "GET" | "POST"; headers: Headers; query: URLSearchParams; rawBody: Uint8Array };

const x = () => createXConnector();

/** GET: Account Activity's challenge-response check; the JSON body to answer (`{"response_token":"sha256=…"}`). */
export function answerXCrc(req: XWebhookRequest): string {
  const v = x().verifyWebhook(req);
  if (!v.ok) throw new AppError("forbidden", "leads.signature", { field: "crc_token", values: { reason: v.reason } });
  return v.respondWith ?? "";
}

/**
 * POST /api/webhooks/x: `x-twitter-webhooks-signature` (sha256=base64 HMAC-SHA256 of the raw body with
 * the consumer secret, X_CONSUMER_SECRET) checked before anything is read: missing or wrong -> 401 and
 * nothing stored. `for_user_id` names the subscribed account: an account no organisation connected is
 * logged and acknowledged (200, so X keeps the subscription); otherwise each direct message and reply
 * to our posts goes to the inbox (raw delivery stored first, deduplicated by the platform's id).
 */
export async function receiveXWebhook(req: XWebhookRequest): Promise<{ received: number; handled: number; ignored: number }> {
  const connector = x();
  const v = connector.verifyWebhook(req);
  if (!v.ok) throw new AppError("unauthorized", "leads.signature", { field: "x-twitter-webhooks-signature", values: { reason: v.reason } });
  const events = connector.parseWebhook(req.rawBody);
  let handled = 0;
  let ignored = 0;
  for (const event of events) {
    if (event.type !== "message.received" && event.type !== "comment.created") {
      ignored++;
      continue;
    }
    const accounts = await db().socialAccount.findMany({
      where: { platform: "X", status: { not: "DISCONNECTED" }, externalId: event.accountExternalId },
      select: { id: true, organizationId: true, platform: true, externalId: true, isSandbox: true },
    });
    if (accounts.length === 0) {
      ignored++;
      childLogger({ eventId: event.eventId }).info({ type: event.type, forUserId: event.accountExternalId }, "x webhook event ignored (no connected account)");
      continue;
    }
    for (const account of accounts) await receiveInboxEvent({ event, account, rawBody: req.rawBody });
    handled++;
  }
  return { received: events.length, handled, ignored };
}
