import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { DELIVERY_UNKNOWN, deliverLeadMessage } from "@/lib/leads/nurture/deliver-lead-message";
import { markDeliveryUnknown, sendApproved } from "@/lib/leads/nurture/send-step-message";
import { stopReasonOf } from "@/lib/leads/nurture/stop-reason";
import { isSuppressed } from "@/lib/leads/nurture/suppressed";

export type AnswerOutcome = { outcome: "sent" | "blocked"; reason?: string };

/**
 * The approved answer to an objection goes out, with every check at send time: this exact version was
 * approved by a person (or the sequence's auto-approve rule, still on), the lead is not unsubscribed,
 * suppressed on the channel, booked, converted or taken over. Email or WhatsApp (the reply just opened
 * the 24-hour window) through deliverLeadMessage; idempotent per message.
 */
export async function sendReplyAnswer(opts: { organizationId: string; interactionId: string; now?: Date }): Promise<AnswerOutcome> {
  const now = opts.now ?? new Date();
  const m = await db().leadInteraction.findFirst({ where: { id: opts.interactionId, organizationId: opts.organizationId, direction: "OUTBOUND" }, include: { lead: true, enrollment: { include: { sequence: { select: { autoApprove: true } } } } } });
  if (!m) throw notFound("lead");
  if (m.status === "SENT") return { outcome: "sent" };
  const block = async (reason: string) => {
    await db().leadInteraction.updateMany({ where: { id: m.id, status: { in: ["DRAFT", "QUEUED"] } }, data: { status: "BLOCKED", errorCode: reason } });
    return { outcome: "blocked" as const, reason };
  };
  const channel = m.channel === "WHATSAPP" ? "WHATSAPP" : "EMAIL";
  const stop = stopReasonOf(m.lead, await isSuppressed(db(), { organizationId: opts.organizationId, lead: m.lead, channel }));
  if (stop) return block(stop);
  if (!sendApproved(m, !!m.enrollment?.sequence.autoApprove)) return m.status === "DRAFT" ? { outcome: "blocked", reason: "not_approved" } : block("not_approved");
  const delivered = await deliverLeadMessage({ organizationId: opts.organizationId, interactionId: m.id, lead: m.lead, channel, subject: m.subject, body: m.body, template: null, now });
  if (!delivered.ok) {
    if (delivered.reason !== DELIVERY_UNKNOWN) return block(delivered.reason);
    await markDeliveryUnknown(m.id);
    return { outcome: "blocked", reason: delivered.reason };
  }
  await db().$transaction([
    db().leadInteraction.update({ where: { id: m.id }, data: { status: "SENT", sentAt: now, providerMessageId: delivered.providerMessageId, errorCode: null } }),
    db().lead.update({ where: { id: m.lead.id }, data: { lastContactedAt: now, ...(m.lead.firstContactedAt ? {} : { firstContactedAt: now }) } }),
  ]);
  return { outcome: "sent" };
}
