import "server-only";
import { claimedSend } from "@/lib/connectors/claimed-send";
import { connectors } from "@/lib/connectors/registry";
import type { PlatformConnector } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { connectorContextFor } from "@/lib/oauth/tokens";
import { claimAutomationAction, completeAutomationAction, enabledAutomationSettings } from "./automations";

/**
 * The Bot Control Center's "Instagram welcome DM" (`instagram_welcome_dm`), where it acts: an inbound
 * Instagram direct message that opened a conversation (`inbox/message.received`, `firstContact`).
 * It sends the owner's welcome text as written (never a model's), through the Instagram connector,
 * only when the switch is on, the contact wrote first (never to new followers), has not opted out, and
 * Instagram's 24-hour messaging window is open; once per contact and account (the audit line, written
 * first, is the claim). Switched off (or never switched on), it does nothing at all.
 */
const WINDOW_MS = 24 * 3600_000;

export type WelcomeDmOutcome =
  | { sent: true; messageId: string; externalId: string }
  | { sent: false; reason: "not_first_instagram_contact" | "off" | "no_text" | "not_found" | "opted_out" | "outside_window" | "already_welcomed" | "delivery_unknown" };

export async function sendInstagramWelcomeDm(opts: {
  organizationId: string;
  conversationId: string;
  messageId: string;
  platform: string;
  firstContact: boolean;
  now?: Date;
}): Promise<WelcomeDmOutcome> {
  if (opts.platform !== "INSTAGRAM" || !opts.firstContact) return { sent: false, reason: "not_first_instagram_contact" };
  const settings = await enabledAutomationSettings({ organizationId: opts.organizationId, key: "instagram_welcome_dm" });
  if (!settings) return { sent: false, reason: "off" };
  if (!settings.welcomeText) return { sent: false, reason: "no_text" };
  const now = opts.now ?? new Date();
  const conversation = await db().conversation.findFirst({
    where: { id: opts.conversationId, organizationId: opts.organizationId, platform: "INSTAGRAM" },
    select: { id: true, socialAccountId: true, contactExternalId: true, optOutAt: true, lastInboundAt: true, socialAccount: { select: { isSandbox: true } } },
  });
  const inbound = await db().conversationMessage.findFirst({
    where: { id: opts.messageId, organizationId: opts.organizationId, conversationId: opts.conversationId, direction: "INBOUND" },
    select: { id: true, externalId: true, sentAt: true },
  });
  if (!conversation || !inbound) return { sent: false, reason: "not_found" };
  if (conversation.optOutAt) return { sent: false, reason: "opted_out" };
  // The window opens with the contact's latest message: the one that triggered this, or a later one.
  const lastInboundAt = conversation.lastInboundAt && conversation.lastInboundAt > inbound.sentAt ? conversation.lastInboundAt : inbound.sentAt;
  if (now.getTime() - lastInboundAt.getTime() >= WINDOW_MS) return { sent: false, reason: "outside_window" };

  const subjectKey = `instagram:${conversation.socialAccountId}:${conversation.contactExternalId}`;
  const claim = await claimAutomationAction({
    organizationId: opts.organizationId,
    key: "instagram_welcome_dm",
    action: "welcome_dm.sent",
    subjectKey,
    details: { conversationId: conversation.id, inboundMessageId: inbound.id },
  });
  // Another run already welcomed this contact; a retry of this very run finishes its own send.
  const own = (claim.details as { inboundMessageId?: string } | null)?.inboundMessageId === inbound.id;
  if (!claim.claimed && !own) return { sent: false, reason: "already_welcomed" };

  const idempotencyKey = `welcome-dm:${claim.eventId}`;
  const existing = await db().conversationMessage.findUnique({ where: { idempotencyKey }, select: { id: true, externalId: true } });
  if (existing?.externalId) return { sent: true, messageId: existing.id, externalId: existing.externalId };
  const row =
    existing ??
    (await db().conversationMessage.create({
      data: {
        organizationId: opts.organizationId,
        conversationId: conversation.id,
        socialAccountId: conversation.socialAccountId,
        direction: "OUTBOUND",
        author: "SYSTEM",
        text: settings.welcomeText,
        status: "QUEUED",
        idempotencyKey,
        replyToId: inbound.id,
        sentAt: now,
      },
      select: { id: true },
    }));
  const connector = connectors.forAccount({ platform: "instagram", isSandbox: conversation.socialAccount.isSandbox }) as PlatformConnector;
  const ctx = await connectorContextFor(conversation.socialAccountId, opts.organizationId);
  // Claimed before the call (issue 18): a retry after a crash between Instagram's answer and the row's
  // update finds the claim instead of sending the welcome again (lib/connectors/claimed-send.ts).
  const sent = await claimedSend({
    organizationId: opts.organizationId,
    key: idempotencyKey,
    platform: "instagram",
    idempotent: !!connector.idempotentMessages,
    send: (key) => connector.sendMessage!(ctx, { to: conversation.contactExternalId, text: settings.welcomeText!, replyToMessageId: inbound.externalId ?? undefined, lastInboundAt, idempotencyKey: key }),
  });
  if (sent.state === "unknown") {
    await db().conversationMessage.updateMany({ where: { id: row.id, status: { not: "SENT" } }, data: { status: "FAILED" } });
    return { sent: false, reason: "delivery_unknown" };
  }
  const res = { id: sent.providerMessageId };
  await db().$transaction([
    db().conversationMessage.update({ where: { id: row.id }, data: { externalId: res.id, status: "SENT", sentAt: new Date() } }),
    db().conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: new Date() } }),
  ]);
  await completeAutomationAction({
    organizationId: opts.organizationId,
    eventId: claim.eventId,
    details: { conversationId: conversation.id, inboundMessageId: inbound.id, messageId: row.id, externalId: res.id },
  });
  return { sent: true, messageId: row.id, externalId: res.id };
}
