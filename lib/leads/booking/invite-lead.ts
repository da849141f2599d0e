import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isSuppressed } from "@/lib/leads/nurture/suppressed";
import { sendEmail } from "@/lib/providers/email";
import { bookingUrl, localeOf, renderBookingEmail, simpleEmail, slotLabel } from "./booking-email";
import { signBookingToken } from "./booking-token";

export type InviteResult = { outcome: "sent"; interactionId: string } | { outcome: "skipped"; reason: "no_email" | "suppressed" | "unsubscribed" | "no_slots" | "not_proposed" };

/**
 * MKT-305 steps 4-5: the lead gets the 3 best slots and their booking link by email. The message is a
 * template written by people (messages/<locale>/leads.json `booking.email`), only names, slots and the
 * link filled in: nothing AI-written reaches the lead, so no approval is needed (approvedVia TEMPLATE).
 * Suppressed or unsubscribed addresses get nothing. One email per booking (idempotency key), recorded
 * on the lead's timeline.
 */
export async function inviteLeadToBook(opts: { organizationId: string; bookingId: string }): Promise<InviteResult> {
  const booking = await db().booking.findFirst({
    where: { id: opts.bookingId, organizationId: opts.organizationId },
    select: { id: true, status: true, proposedSlots: true, leadTimezone: true, lead: { select: { id: true, firstName: true, email: true, emailNormalized: true, phoneE164: true, language: true, unsubscribedAt: true } }, organization: { select: { name: true } } },
  });
  if (!booking) throw notFound("booking");
  const { lead } = booking;
  const slots = (booking.proposedSlots as { startAt: string }[]).map((s) => new Date(s.startAt));
  if (booking.status !== "PROPOSED") return { outcome: "skipped", reason: "not_proposed" };
  if (!lead.email || !lead.emailNormalized) return { outcome: "skipped", reason: "no_email" };
  if (lead.unsubscribedAt) return { outcome: "skipped", reason: "unsubscribed" };
  if (await isSuppressed(db(), { organizationId: opts.organizationId, lead, channel: "EMAIL" })) return { outcome: "skipped", reason: "suppressed" };
  if (slots.length === 0) return { outcome: "skipped", reason: "no_slots" };
  const locale = localeOf(lead.language);
  const token = signBookingToken({ organizationId: opts.organizationId, bookingId: booking.id });
  const url = bookingUrl(token);
  const values = { firstName: lead.firstName ?? "", org: booking.organization.name };
  const subject = renderBookingEmail("inviteSubject", values, locale);
  const paragraphs = [
    renderBookingEmail("inviteGreeting", values, locale),
    renderBookingEmail("inviteIntro", values, locale),
    slots.map((s) => `• ${slotLabel(s, locale, booking.leadTimezone)}`).join("\n"),
    renderBookingEmail("inviteOutro", values, locale),
  ];
  const { html, text } = simpleEmail(paragraphs, { url, label: renderBookingEmail("inviteButton", values, locale) });
  const idempotencyKey = `booking-invite:${booking.id}`;
  const existing = await db().leadInteraction.findUnique({ where: { idempotencyKey }, select: { id: true } });
  const interaction =
    existing ??
    (await db().leadInteraction.create({
      data: { organizationId: opts.organizationId, leadId: lead.id, channel: "EMAIL", direction: "OUTBOUND", status: "QUEUED", subject, body: text, aiWritten: false, approvedVia: "TEMPLATE", idempotencyKey },
      select: { id: true },
    }));
  const sent = await sendEmail({ organizationId: opts.organizationId, to: lead.email, subject, html, text, idempotencyKey, secrets: [url] });
  const now = new Date();
  await db().$transaction([
    db().leadInteraction.update({ where: { id: interaction.id }, data: { status: "SENT", sentAt: now, providerMessageId: sent.providerMessageId ?? null } }),
    db().booking.update({ where: { id: booking.id }, data: { invitedAt: now } }),
    db().lead.update({ where: { id: lead.id }, data: { lastContactedAt: now } }),
  ]);
  return { outcome: "sent", interactionId: interaction.id };
}
