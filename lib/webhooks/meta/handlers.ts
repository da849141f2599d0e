import "server-only";
import type { Platform } from "@/lib/db/generated/enums";
import type { NormalisedEvent } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { receiveInboxEvent } from "@/lib/inbox/receive-inbox-event";
import { captureMetaLead } from "@/lib/leads/capture/capture-meta-lead";
import { e164OfWaId, receiveWhatsappReply } from "@/lib/leads/replies/receive-whatsapp-reply";

/** The connected account an event was sent for (it names the organisation). */
export type MetaWebhookAccount = { id: string; organizationId: string; platform: Platform; externalId: string; isSandbox: boolean };

type EventOf<T extends NormalisedEvent["type"]> = Extract<NormalisedEvent, { type: T }>;
export type MetaEventHandler<T extends NormalisedEvent["type"]> = {
  /** Which connected accounts may receive this kind of event (their externalId or metadata.pageId is the entry id). */
  platforms: Platform[];
  /** `rawBody`: the whole signed delivery, stored first by the receivers that keep it. */
  handle: (event: EventOf<T>, account: MetaWebhookAccount, rawBody: Uint8Array) => Promise<void>;
};

/** A WhatsApp message from a number one of the organisation's leads has is a lead's reply (MKT-304), not an inbox message. */
async function isLeadsNumber(organizationId: string, waId: string): Promise<boolean> {
  const lead = await db().lead.findFirst({ where: { organizationId, phoneE164: e164OfWaId(waId) }, select: { id: true } });
  return !!lead;
}

/**
 * What each kind of event Meta sends does. One receiver (/api/webhooks/meta) for the Meta app:
 * lead ads (MKT-301); WhatsApp messages from a lead's number go to MKT-304 (the 24-hour window, then
 * the reply stored for classification); every other Instagram / Messenger / WhatsApp message, the
 * comments under our Instagram and Facebook posts and WhatsApp delivery statuses go to the social
 * inbox (lib/inbox/receive-inbox-event.ts: raw delivery stored first, deduplicated by platform id).
 * Kinds without a handler are acknowledged and ignored.
 */
export const META_EVENT_HANDLERS: { [T in NormalisedEvent["type"]]?: MetaEventHandler<T> } = {
  "lead.created": { platforms: ["FACEBOOK", "META_ADS"], handle: (e, account) => captureMetaLead({ event: e, account }).then(() => undefined) },
  "message.received": {
    platforms: ["WHATSAPP", "INSTAGRAM", "FACEBOOK"],
    handle: async (e, account, rawBody) => {
      if (account.platform === "WHATSAPP" && (await isLeadsNumber(account.organizationId, e.from))) return receiveWhatsappReply({ event: e, account });
      await receiveInboxEvent({ event: e, account, rawBody });
    },
  },
  "comment.created": { platforms: ["INSTAGRAM", "FACEBOOK"], handle: (e, account, rawBody) => receiveInboxEvent({ event: e, account, rawBody }).then(() => undefined) },
  "message.status": { platforms: ["WHATSAPP"], handle: (e, account, rawBody) => receiveInboxEvent({ event: e, account, rawBody }).then(() => undefined) },
};
