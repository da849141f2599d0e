import "server-only";
import type { NormalisedEvent } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { storeReply } from "./store-reply";

type MessageEvent = Extract<NormalisedEvent, { type: "message.received" }>;

/** WhatsApp's wa_id is the number in international form without "+": E.164 is "+" and the digits. */
export const e164OfWaId = (waId: string) => `+${waId.replace(/\D/g, "")}`;

/**
 * A WhatsApp message to a connected number (the Meta callback's `messages` field): the lead with that
 * phone number has its 24-hour customer-service window opened or refreshed at once (from the message's
 * own time, never moved backwards: MKT-303's WhatsApp steps read it), then the message is stored raw
 * once per wamid for MKT-304. A number no lead has is kept unprocessed (UNMATCHED happens at processing).
 */
export async function receiveWhatsappReply(opts: { event: MessageEvent; account: { id: string; organizationId: string } }): Promise<void> {
  const { event, account } = opts;
  if (event.platform !== "whatsapp" || !event.from) return;
  const phone = e164OfWaId(event.from);
  const windowEnd = new Date(event.occurredAt.getTime() + 24 * 3600_000);
  await db().lead.updateMany({
    where: { organizationId: account.organizationId, phoneE164: phone, OR: [{ whatsappWindowExpiresAt: null }, { whatsappWindowExpiresAt: { lt: windowEnd } }] },
    data: { whatsappWindowExpiresAt: windowEnd, lastInboundAt: event.occurredAt },
  });
  await storeReply({
    organizationId: account.organizationId,
    channel: "WHATSAPP",
    provider: "whatsapp",
    dedupeKey: `wa:${event.eventId.replace(/^wa:/, "")}`,
    payload: { event: { ...event, occurredAt: event.occurredAt.toISOString() }, accountId: account.id },
    fromAddress: phone,
    body: event.text ?? `[${event.messageType}]`,
    messageId: event.eventId.replace(/^wa:/, ""),
    receivedAt: event.occurredAt,
  });
}
