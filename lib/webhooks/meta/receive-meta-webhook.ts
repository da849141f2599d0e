import "server-only";
import { parseMetaWebhook, verifyMetaWebhook } from "@/lib/connectors/meta/graph";
import type { NormalisedEvent } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { META_EVENT_HANDLERS, type MetaEventHandler, type MetaWebhookAccount } from "./handlers";

export type MetaWebhookRequest = { method: "GET" | "POST"; headers: Headers; query: URLSearchParams; rawBody: Uint8Array };

/** GET: the subscription handshake (hub.verify_token) -> the challenge to echo; a wrong token is a 403. */
export function verifyMetaSubscription(req: MetaWebhookRequest): string {
  const v = verifyMetaWebhook(req);
  if (!v.ok) throw new AppError("forbidden", "leads.signature", { field: "hub.verify_token", values: { reason: v.reason } });
  return v.respondWith ?? "";
}

async function accountsFor(entryId: string, handler: MetaEventHandler<NormalisedEvent["type"]>): Promise<MetaWebhookAccount[]> {
  const rows = await db().socialAccount.findMany({
    where: {
      platform: { in: handler.platforms },
      status: { not: "DISCONNECTED" },
      OR: [{ externalId: entryId }, { metadata: { path: ["pageId"], equals: entryId } }],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, organizationId: true, platform: true, externalId: true, isSandbox: true },
  });
  // One account per organisation (a Page connected both as a Page and through its ad account).
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.organizationId) && seen.add(r.organizationId));
}

/**
 * POST /api/webhooks/meta: X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret)
 * checked before anything is read: missing or wrong -> 401, nothing stored. Then each change is
 * normalised (lib/connectors/meta/graph.ts), its entry id (Page, Instagram or WhatsApp account)
 * mapped to the organisations that connected it, and handed to the handler of its kind. Handlers are
 * idempotent per event id (Meta redelivers), so a replay changes nothing.
 */
export async function receiveMetaWebhook(req: MetaWebhookRequest): Promise<{ received: number; handled: number; ignored: number }> {
  const v = verifyMetaWebhook(req);
  if (!v.ok) throw new AppError("unauthorized", "leads.signature", { field: "X-Hub-Signature-256", values: { reason: v.reason } });
  const events = parseMetaWebhook(req.rawBody);
  let handled = 0;
  let ignored = 0;
  for (const event of events) {
    const handler = META_EVENT_HANDLERS[event.type] as MetaEventHandler<NormalisedEvent["type"]> | undefined;
    const accounts = handler ? await accountsFor(event.accountExternalId, handler) : [];
    if (!handler || accounts.length === 0) {
      ignored++;
      childLogger({ eventId: event.eventId }).info({ type: event.type, entry: event.accountExternalId }, "meta webhook event ignored (no handler or no connected account)");
      continue;
    }
    for (const account of accounts) await handler.handle(event, account, req.rawBody);
    handled++;
  }
  return { received: events.length, handled, ignored };
}
