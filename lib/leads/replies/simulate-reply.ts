import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { emailProvider } from "@/lib/providers/email";
import { signInboundWebhook } from "@/lib/providers/email/inbound-webhook";
import { depositInboundEmail } from "@/lib/providers/email/offline-inbox";
import { receiveEmailReply } from "./receive-email-reply";
import { replyAddressFor } from "./reply-address";

/**
 * The offline inbox's "reply" (no email vendor: the outbox is the mailbox): the lead's email is
 * deposited as Resend's receiving API would hold it, and an `email.received` event, signed with the
 * embedded webhook secret, goes through the same receiver as Resend's (receiveEmailReply): stored raw,
 * then MKT-304 fetches, classifies and routes it. So `npm run dev` shows the whole path without a vendor.
 */
export async function simulateLeadReply(opts: { organizationId: string; leadId: string; text: string }): Promise<{ replyId: string }> {
  if (emailProvider().name !== "outbox") throw new AppError("conflict", "leads.simulationOff", { field: "text" });
  const lead = await db().lead.findFirst({ where: { id: opts.leadId, organizationId: opts.organizationId }, select: { emailNormalized: true, firstName: true, lastName: true } });
  if (!lead) throw notFound("lead");
  if (!lead.emailNormalized) throw new AppError("validation", "leads.simulateNoEmail", { field: "text" });
  const last = await db().leadInteraction.findFirst({ where: { organizationId: opts.organizationId, leadId: opts.leadId, direction: "OUTBOUND", channel: "EMAIL", status: "SENT" }, orderBy: { sentAt: "desc" }, select: { subject: true } });
  const to = replyAddressFor(opts.organizationId);
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
  const from = name ? `${name} <${lead.emailNormalized}>` : lead.emailNormalized;
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { name: true } });
  const subject = `Re: ${last?.subject ?? org.name}`;
  const email = await depositInboundEmail({ from, to: [to], subject, text: opts.text, html: null, inReplyTo: null });
  const event = { type: "email.received", created_at: new Date().toISOString(), data: { email_id: email.id, created_at: new Date().toISOString(), from, to: [to], subject, message_id: email.messageId, attachments: [] } };
  const rawBody = JSON.stringify(event);
  const headers = signInboundWebhook({ id: `msg_${randomUUID().replace(/-/g, "")}`, rawBody });
  const receipt = await receiveEmailReply({ rawBody: new TextEncoder().encode(rawBody), headers });
  return { replyId: receipt.replyId! };
}

/** Whether "Simulate a reply" is offered: only without an email vendor (the outbox is the mailbox). */
export function canSimulateReplies(): boolean {
  return emailProvider().name === "outbox";
}
