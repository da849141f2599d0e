import "server-only";
import { db } from "@/lib/db/client";
import { signBookingToken } from "./booking-token";
import { bookingUrl } from "./booking-email";

export type LeadBookingDto = {
  id: string;
  status: "PROPOSED" | "CONFIRMED" | "RESCHEDULED" | "CANCELLED" | "COMPLETED" | "NO_SHOW";
  provider: "CALCOM" | "BUILTIN";
  reason: string;
  startAt: string | null;
  endAt: string | null;
  previousStartAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  meetingUrl: string | null;
  invitedAt: string | null;
  leadTimezone: string;
  assignedTo: string | null;
  slots: { startAt: string; endAt: string }[];
  /** The lead's booking link while the proposal is open (to send by hand when the lead has no email). */
  link: string | null;
  briefing: { summary: string; points: string[]; nextStep: string; language: string } | null;
  upcoming: boolean;
};

/** The lead page's bookings card: upcoming first (soonest first), then past and cancelled (newest first). */
export async function getLeadBookings(opts: { organizationId: string; leadId: string; now?: Date }): Promise<LeadBookingDto[]> {
  const now = opts.now ?? new Date();
  const rows = await db().booking.findMany({ where: { organizationId: opts.organizationId, leadId: opts.leadId }, orderBy: { createdAt: "desc" } });
  const users = await db().user.findMany({ where: { id: { in: rows.flatMap((r) => (r.assignedToId ? [r.assignedToId] : [])) } }, select: { id: true, name: true, email: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  const list = rows.map((r): LeadBookingDto => {
    const upcoming = r.status === "PROPOSED" || ((r.status === "CONFIRMED" || r.status === "RESCHEDULED") && !!r.endAt && r.endAt > now);
    return {
      id: r.id,
      status: r.status,
      provider: r.provider,
      reason: r.reason,
      startAt: r.startAt?.toISOString() ?? null,
      endAt: r.endAt?.toISOString() ?? null,
      previousStartAt: r.previousStartAt?.toISOString() ?? null,
      cancelledAt: r.cancelledAt?.toISOString() ?? null,
      cancelReason: r.cancelReason,
      meetingUrl: r.meetingUrl,
      invitedAt: r.invitedAt?.toISOString() ?? null,
      leadTimezone: r.leadTimezone,
      assignedTo: r.assignedToId ? (nameOf.get(r.assignedToId) ?? null) : null,
      slots: r.proposedSlots as { startAt: string; endAt: string }[],
      link: r.status === "PROPOSED" ? bookingUrl(signBookingToken({ organizationId: r.organizationId, bookingId: r.id })) : null,
      briefing: (r.briefing as LeadBookingDto["briefing"]) ?? (r.aiBriefing ? { summary: r.aiBriefing, points: [], nextStep: "", language: "fr" } : null),
      upcoming,
    };
  });
  const up = list.filter((b) => b.upcoming).sort((a, b) => (a.startAt ?? a.slots[0]?.startAt ?? "").localeCompare(b.startAt ?? b.slots[0]?.startAt ?? ""));
  return [...up, ...list.filter((b) => !b.upcoming)];
}
