import "server-only";
import { db } from "@/lib/db/client";
import type { MessageApproval } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { DELIVERY_UNKNOWN, deliverLeadMessage } from "./deliver-lead-message";
import { messageHash } from "./message-hash";
import { stopReasonOf } from "./stop-reason";
import { isSuppressed } from "./suppressed";

export type SendOutcome =
  | { outcome: "sent"; interactionId: string; leadId: string; enrollmentId: string; channel: "EMAIL" | "WHATSAPP"; position: number; completed: boolean }
  /** The enrollment stopped (reply, booking, unsubscribe/suppression, conversion, a person took over): nothing sent, the run ends. */
  | { outcome: "stopped"; reason: string }
  /**
   * Not sent, the sequence goes on: not approved, rejected, no address, no WhatsApp opt-in or account...
   * or `delivery_unknown`: an earlier attempt died mid-send (it may have gone out; never sent again).
   */
  | { outcome: "blocked"; reason: string };

/**
 * The interaction of a send whose earlier attempt died between the platform call and its outcome
 * (deliver-lead-message.ts): FAILED with `delivery_unknown`, shown on the lead's page for a person to
 * check. Not if the slow first attempt has recorded SENT meanwhile.
 */
export async function markDeliveryUnknown(interactionId: string): Promise<void> {
  await db().leadInteraction.updateMany({ where: { id: interactionId, status: { not: "SENT" } }, data: { status: "FAILED", errorCode: DELIVERY_UNKNOWN } });
}

/**
 * Whether this exact text may go out: a person approved this version (hash), or the sequence's
 * owner-set auto-approve rule is on now and approved this version, or a person wrote it (template).
 */
export function sendApproved(m: { aiWritten: boolean; approvedVia: MessageApproval | null; approvedHash: string | null; approvedById: string | null; subject: string | null; body: string }, autoApprove: boolean): boolean {
  const sameVersion = m.approvedHash !== null && m.approvedHash === messageHash(m);
  if (m.approvedVia === "HUMAN") return sameVersion && !!m.approvedById;
  if (m.approvedVia === "AUTO_RULE") return sameVersion && autoApprove;
  if (m.approvedVia === "TEMPLATE") return sameVersion && !m.aiWritten;
  return false;
}

/**
 * MKT-303, the one place a sequence message goes out; it checks everything itself, whatever wrote the
 * row: the enrollment is still active; the lead is not unsubscribed, suppressed on this channel
 * (Suppression, read now, not at enrollment), booked, converted or taken over (the enrollment is then
 * cancelled with the reason); the text is the version approved (sendApproved); email needs an address,
 * WhatsApp an opt-in, a connected number, and a template outside the 24-hour window. Email goes through
 * the email provider (outbox first) with the RFC 8058 headers; the idempotency key makes a retried step
 * send once; WhatsApp is claimed in connector_sends before the call, so it is sent once too, or flagged
 * `delivery_unknown` when an attempt died mid-call (deliver-lead-message.ts). Then the enrollment moves to the next step (or completes).
 */
export async function sendStepMessage(opts: { organizationId: string; interactionId: string; now?: Date }): Promise<SendOutcome> {
  const now = opts.now ?? new Date();
  const m = await db().leadInteraction.findFirst({
    where: { id: opts.interactionId, organizationId: opts.organizationId, direction: "OUTBOUND" },
    include: { lead: true, enrollment: { include: { sequence: { select: { autoApprove: true, steps: { orderBy: { position: "asc" }, select: { position: true, delayMinutes: true } } } } } }, step: { select: { position: true, templateLanguage: true } } },
  });
  if (!m || !m.enrollment || !m.step) throw notFound("lead");
  const { lead, enrollment, step } = m;
  const base = { interactionId: m.id, leadId: lead.id, enrollmentId: enrollment.id, channel: m.channel as "EMAIL" | "WHATSAPP", position: step.position };
  const isLast = step.position >= (enrollment.sequence.steps.at(-1)?.position ?? 0);
  if (m.status === "SENT") return { outcome: "sent", ...base, completed: isLast };

  const block = async (reason: string, status: "BLOCKED" | "DRAFT" = "BLOCKED") => {
    await db().leadInteraction.updateMany({ where: { id: m.id, status: { in: ["DRAFT", "QUEUED"] } }, data: { status, errorCode: reason } });
  };
  if (enrollment.status !== "ACTIVE") {
    await block("enrollment_stopped");
    return { outcome: "stopped", reason: enrollment.cancelReason ?? enrollment.status.toLowerCase() };
  }
  const channel = m.channel === "WHATSAPP" ? "WHATSAPP" : "EMAIL";
  const stop = stopReasonOf(lead, await isSuppressed(db(), { organizationId: opts.organizationId, lead, channel }));
  if (stop) {
    // One transaction: whoever sees the sequence stopped also sees its message blocked.
    await db().$transaction([
      db().sequenceEnrollment.updateMany({ where: { id: enrollment.id, status: "ACTIVE" }, data: { status: "CANCELLED", cancelledAt: now, cancelReason: stop, nextActionAt: null } }),
      db().leadInteraction.updateMany({ where: { id: m.id, status: { in: ["DRAFT", "QUEUED"] } }, data: { status: "BLOCKED", errorCode: stop } }),
    ]);
    return { outcome: "stopped", reason: stop };
  }
  if (!sendApproved(m, enrollment.sequence.autoApprove)) {
    // A draft nobody approved, a rejected message, or a text changed after its approval: never sent.
    if (m.status !== "DRAFT") await block("not_approved");
    return { outcome: "blocked", reason: "not_approved" };
  }

  const delivered = await deliverLeadMessage({ organizationId: opts.organizationId, interactionId: m.id, lead, channel, subject: m.subject, body: m.body, template: m.isTemplate && m.templateName ? { name: m.templateName, language: step.templateLanguage } : null, now });
  if (!delivered.ok) {
    if (delivered.reason === DELIVERY_UNKNOWN) await markDeliveryUnknown(m.id);
    else await block(delivered.reason);
    return { outcome: "blocked", reason: delivered.reason };
  }
  const providerMessageId = delivered.providerMessageId;

  const next = enrollment.sequence.steps.find((s) => s.position > step.position);
  await db().$transaction([
    db().leadInteraction.update({ where: { id: m.id }, data: { status: "SENT", sentAt: now, providerMessageId, errorCode: null } }),
    db().lead.update({ where: { id: lead.id }, data: { lastContactedAt: now, ...(lead.firstContactedAt ? {} : { firstContactedAt: now }) } }),
    db().sequenceEnrollment.updateMany({
      where: { id: enrollment.id, status: "ACTIVE" },
      data: next ? { currentStep: next.position, nextActionAt: new Date(now.getTime() + next.delayMinutes * 60_000) } : { currentStep: step.position + 1, status: "COMPLETED", completedAt: now, nextActionAt: null },
    }),
  ]);
  return { outcome: "sent", ...base, completed: !next };
}
