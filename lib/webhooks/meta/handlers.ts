import "server-only";
import type { Platform } from "@/lib/db/generated/enums";
import type { NormalisedEvent } from "@/lib/connectors/types";
import { captureMetaLead } from "@/lib/leads/capture/capture-meta-lead";
import { receiveWhatsappReply } from "@/lib/leads/replies/receive-whatsapp-reply";

/** The connected account an event was sent for (it names the organisation). */
export type MetaWebhookAccount = { id: string; organizationId: string; platform: Platform; externalId: string; isSandbox: boolean };

type EventOf<T extends NormalisedEvent["type"]> = Extract<NormalisedEvent, { type: T }>;
export type MetaEventHandler<T extends NormalisedEvent["type"]> = {
  /** Which connected accounts may receive this kind of event (their externalId or metadata.pageId is the entry id). */
  platforms: Platform[];
  handle: (event: EventOf<T>, account: MetaWebhookAccount) => Promise<void>;
};

/**
 * What each kind of event Meta sends does. One receiver (/api/webhooks/meta) for the Meta app:
 * leads' WhatsApp replies (MKT-304: the 24-hour window, then the reply stored for classification);
 * the inbox registers `comment.created` / `message.status` here; kinds without a handler are
 * acknowledged and ignored.
 */
export const META_EVENT_HANDLERS: { [T in NormalisedEvent["type"]]?: MetaEventHandler<T> } = {
  "lead.created": { platforms: ["FACEBOOK", "META_ADS"], handle: (e, account) => captureMetaLead({ event: e, account }).then(() => undefined) },
  "message.received": { platforms: ["WHATSAPP"], handle: (e, account) => receiveWhatsappReply({ event: e, account }) },
};
