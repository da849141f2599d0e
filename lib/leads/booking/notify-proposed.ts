import "server-only";
import { db } from "@/lib/db/client";
import { notify } from "@/lib/providers/notify";

/** The salesperson learns a call is proposed to a hot lead, with the briefing (in-app + email, their language). */
export async function notifyBookingProposed(opts: { organizationId: string; bookingId: string; invited: boolean }): Promise<void> {
  const b = await db().booking.findFirstOrThrow({
    where: { id: opts.bookingId, organizationId: opts.organizationId },
    select: { id: true, leadId: true, assignedToId: true, briefing: true, proposedSlots: true, lead: { select: { firstName: true, lastName: true, email: true, company: true, score: true, organization: { select: { slug: true } } } } },
  });
  if (!b.assignedToId) return;
  const first = (b.proposedSlots as { startAt: string }[])[0]?.startAt ?? "";
  await notify({
    organizationId: opts.organizationId,
    to: { userId: b.assignedToId },
    type: "lead.booking.proposed",
    severity: "INFO",
    message: {
      key: opts.invited ? "bookingProposed" : "bookingToArrange",
      values: { name: [b.lead.firstName, b.lead.lastName].filter(Boolean).join(" ") || b.lead.email || "", company: b.lead.company ?? "", score: b.lead.score ?? 0, startAt: first, summary: (b.briefing as { summary?: string } | null)?.summary ?? "" },
    },
    actionUrl: `/${b.lead.organization.slug}/leads/${b.leadId}`,
    dedupeKey: `booking-proposed:${b.id}`,
    email: "audience",
  });
}
