import "server-only";
import { db } from "@/lib/db/client";
import { verifyBookingToken } from "./booking-token";

export type BookingPageView =
  | { state: "invalid" }
  | { state: "cancelled"; org: string }
  | { state: "booked"; org: string; startAt: string; timeZone: string }
  | { state: "open"; org: string; timeZone: string; best: { startAt: string; endAt: string }[]; more: { startAt: string; endAt: string }[] };

/**
 * The public booking page /book/<token>: what the link offers now. Slots already past, or held since by
 * another call of the same salesperson, are no longer offered.
 */
export async function getBookingPage(opts: { token: string; now?: Date }): Promise<BookingPageView> {
  const ref = verifyBookingToken(opts.token);
  if (!ref) return { state: "invalid" };
  const b = await db().booking.findFirst({ where: { id: ref.bookingId, organizationId: ref.organizationId }, select: { status: true, startAt: true, assignedToId: true, leadTimezone: true, proposedSlots: true, moreSlots: true, organization: { select: { name: true } } } });
  if (!b) return { state: "invalid" };
  const org = b.organization.name;
  if (b.status === "CANCELLED") return { state: "cancelled", org };
  if (b.status !== "PROPOSED" && b.startAt) return { state: "booked", org, startAt: b.startAt.toISOString(), timeZone: b.leadTimezone };
  const now = opts.now ?? new Date();
  const held = b.assignedToId
    ? new Set((await db().booking.findMany({ where: { organizationId: ref.organizationId, assignedToId: b.assignedToId, slotKey: { not: null }, startAt: { gt: now } }, select: { startAt: true } })).map((x) => x.startAt!.toISOString()))
    : new Set<string>();
  const free = (list: unknown) => (list as { startAt: string; endAt: string }[]).filter((s) => new Date(s.startAt) > now && !held.has(new Date(s.startAt).toISOString()));
  return { state: "open", org, timeZone: b.leadTimezone, best: free(b.proposedSlots), more: free(b.moreSlots) };
}
