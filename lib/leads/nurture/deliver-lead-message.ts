import "server-only";
import { claimedSend } from "@/lib/connectors/claimed-send";
import { connectors } from "@/lib/connectors/registry";
import type { PlatformConnector } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { connectorContextOf } from "@/lib/oauth/tokens";
import { sendEmail } from "@/lib/providers/email";
import { replyAddressFor } from "@/lib/leads/replies/reply-address";
import { nurtureEmail } from "./email-content";
import { signUnsubscribeToken } from "./unsubscribe-token";

type LeadForDelivery = { id: string; emailNormalized: string | null; phoneE164: string | null; language: string; whatsappOptIn: boolean; whatsappOptOutAt: Date | null; whatsappWindowExpiresAt: Date | null };

/**
 * One approved message to a lead, on its channel, after the caller checked approval, stop conditions
 * and the suppression list (sequence steps: send-step-message.ts; answers to objections:
 * lib/leads/replies/send-reply-answer.ts). Email: through the email provider (outbox first, idempotency
 * key per message), RFC 8058 unsubscribe headers, Reply-To = the organisation's reply address (so the
 * answer comes back to MKT-304 with its organisation). WhatsApp: opt-in, a connected number, and a
 * template outside the 24-hour window, all checked before any API call; the send is claimed in
 * connector_sends first (exactly once across crashes; `delivery_unknown` when an attempt died mid-call
 * on a platform without idempotency keys).
 */
export async function deliverLeadMessage(opts: {
  organizationId: string;
  interactionId: string;
  lead: LeadForDelivery;
  channel: "EMAIL" | "WHATSAPP";
  subject: string | null;
  body: string;
  template: { name: string; language: string } | null;
  now: Date;
}): Promise<{ ok: true; providerMessageId: string | null } | { ok: false; reason: string }> {
  const { lead, now } = opts;
  if (opts.channel === "EMAIL") {
    if (!lead.emailNormalized) return { ok: false, reason: "no_address" };
    const token = signUnsubscribeToken({ organizationId: opts.organizationId, leadId: lead.id, channel: "EMAIL", address: lead.emailNormalized });
    const mail = nurtureEmail({ body: opts.body, token, locale: lead.language === "en" ? "en" : "fr" });
    const sent = await sendEmail({ to: lead.emailNormalized, subject: opts.subject ?? "", ...mail, replyTo: replyAddressFor(opts.organizationId), organizationId: opts.organizationId, category: "marketing", idempotencyKey: `nurture:${opts.interactionId}` });
    return { ok: true, providerMessageId: sent.providerMessageId ?? sent.id };
  }
  const windowOpen = !!lead.whatsappWindowExpiresAt && lead.whatsappWindowExpiresAt.getTime() > now.getTime();
  const reason = !lead.phoneE164 ? "no_address" : !lead.whatsappOptIn || lead.whatsappOptOutAt ? "no_opt_in" : !windowOpen && !opts.template ? "template_required" : null;
  if (reason) return { ok: false, reason };
  const account = await db().socialAccount.findFirst({ where: { organizationId: opts.organizationId, platform: "WHATSAPP", status: "ACTIVE" }, orderBy: { createdAt: "asc" } });
  if (!account) return { ok: false, reason: "no_whatsapp_account" };
  const connector = connectors.forAccount({ platform: "whatsapp", isSandbox: account.isSandbox }) as PlatformConnector;
  const lastInboundAt = lead.whatsappWindowExpiresAt ? new Date(lead.whatsappWindowExpiresAt.getTime() - 24 * 3600_000) : null;
  const ctx = connectorContextOf(account);
  // Claimed before the call (issue 18): a step re-run after a crash between the platform's answer and its
  // checkpoint finds the claim and does not send again (claimed-send.ts).
  const sent = await claimedSend({
    organizationId: opts.organizationId,
    key: leadMessageSendKey(opts.interactionId),
    platform: "whatsapp",
    idempotent: !!connector.idempotentMessages,
    send: (idempotencyKey) =>
      connector.sendMessage!(ctx, windowOpen ? { to: lead.phoneE164!, text: opts.body, lastInboundAt, idempotencyKey } : { to: lead.phoneE164!, template: opts.template!, lastInboundAt, idempotencyKey }),
  });
  if (sent.state === "unknown") return { ok: false, reason: DELIVERY_UNKNOWN };
  return { ok: true, providerMessageId: sent.providerMessageId };
}

/** The claim of a lead message's platform send (one per interaction). */
export const leadMessageSendKey = (interactionId: string) => `lead-message:${interactionId}`;

/**
 * A WhatsApp message whose send was claimed by an attempt that died before recording the platform's
 * answer: it may have gone out. It is never sent again by the machine; the interaction is FAILED with
 * this code, which the lead's page shows for a person to check on WhatsApp.
 */
export const DELIVERY_UNKNOWN = "delivery_unknown";
