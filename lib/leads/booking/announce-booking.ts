import "server-only";
import { inngest } from "@/inngest/client";
import { leadBooked } from "@/inngest/events";
import { db } from "@/lib/db/client";
import { stopLeadSequences } from "@/lib/leads/nurture/stop-enrollments";
import { sendEmail } from "@/lib/providers/email";
import { notify } from "@/lib/providers/notify";
import { localeOf, renderBookingEmail, simpleEmail, slotLabel } from "./booking-email";

/**
 * After a call is booked or moved (booking page, Cal.com webhook): the lead's sequences stop (reason
 * booked), the lead becomes BOOKED, `lead/booked` is emitted, the lead gets a confirmation (template
 * written by people) and the salesperson is told through the one
 * notification path (in-app + email, with the briefing). Every part is keyed by booking and start, so
 * a replay or a re-run does each once.
 */
export async function announceBooking(opts: { organizationId: string; bookingId: string; rescheduled: boolean }): Promise<void> {
  const b = await db().booking.findFirstOrThrow({
    where: { id: opts.bookingId, organizationId: opts.organizationId },
    select: {
      id: true, leadId: true, provider: true, startAt: true, endAt: true, assignedToId: true, leadTimezone: true, meetingUrl: true, aiBriefing: true, briefing: true,
      lead: { select: { firstName: true, lastName: true, company: true, email: true, language: true, status: true, organization: { select: { slug: true, name: true } } } },
    },
  });
  if (!b.startAt || !b.endAt) return;
  const startIso = b.startAt.toISOString();
  await stopLeadSequences({ organizationId: opts.organizationId, leadId: b.leadId, reason: "booked" });
  if (b.lead.status !== "CONVERTED") await db().lead.update({ where: { id: b.leadId }, data: { status: "BOOKED" } });
  await inngest.send(leadBooked.create({ organizationId: opts.organizationId, leadId: b.leadId, bookingId: b.id, startAt: startIso, provider: b.provider, rescheduled: opts.rescheduled }, { id: `lead-booked:${b.id}:${startIso}` }));

  const name = [b.lead.firstName, b.lead.lastName].filter(Boolean).join(" ") || b.lead.email || "";
  if (b.lead.email) {
    const locale = localeOf(b.lead.language);
    const values = { firstName: b.lead.firstName ?? "", org: b.lead.organization.name, when: slotLabel(b.startAt, locale, b.leadTimezone) };
    const subject = renderBookingEmail(opts.rescheduled ? "movedSubject" : "confirmedSubject", values, locale);
    const { html, text } = simpleEmail([renderBookingEmail("inviteGreeting", values, locale), renderBookingEmail(opts.rescheduled ? "movedBody" : "confirmedBody", values, locale), b.meetingUrl ?? ""].filter(Boolean));
    await sendEmail({ organizationId: opts.organizationId, to: b.lead.email, subject, html, text, idempotencyKey: `booking-confirmed:${b.id}:${startIso}` });
  }
  if (b.assignedToId) {
    const summary = (b.briefing as { summary?: string } | null)?.summary ?? "";
    await notify({
      organizationId: opts.organizationId,
      to: { userId: b.assignedToId },
      type: "lead.booked",
      severity: "SUCCESS",
      message: { key: opts.rescheduled ? "bookingMoved" : "bookingConfirmed", values: { name, company: b.lead.company ?? "", startAt: startIso, summary } },
      actionUrl: `/${b.lead.organization.slug}/leads/${b.leadId}`,
      dedupeKey: `booking-confirmed:${b.id}:${startIso}`,
      email: "audience",
    });
  }
}

/** A cancelled call: the salesperson is told (once per booking). */
export async function announceCancellation(opts: { organizationId: string; bookingId: string }): Promise<void> {
  const b = await db().booking.findFirstOrThrow({ where: { id: opts.bookingId, organizationId: opts.organizationId }, select: { id: true, leadId: true, assignedToId: true, previousStartAt: true, startAt: true, lead: { select: { firstName: true, lastName: true, email: true, company: true, organization: { select: { slug: true } } } } } });
  if (!b.assignedToId) return;
  const at = b.startAt ?? b.previousStartAt;
  await notify({
    organizationId: opts.organizationId,
    to: { userId: b.assignedToId },
    type: "lead.booking.cancelled",
    severity: "WARNING",
    message: { key: "bookingCancelled", values: { name: [b.lead.firstName, b.lead.lastName].filter(Boolean).join(" ") || b.lead.email || "", company: b.lead.company ?? "", startAt: (at ?? new Date()).toISOString() } },
    actionUrl: `/${b.lead.organization.slug}/leads/${b.leadId}`,
    dedupeKey: `booking-cancelled:${b.id}`,
    email: "audience",
  });
}
