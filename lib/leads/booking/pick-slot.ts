import "server-only";
import { CalcomError, createCalBooking } from "@/lib/connectors/calcom/client";
import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/rate-limit";
import { announceBooking } from "./announce-booking";
import { verifyBookingToken } from "./booking-token";
import { calcomConfigOf } from "./settings";

type StoredSlot = { startAt: string; endAt: string };
export type PickedBooking = { status: string; startAt: string; endAt: string };

const slotKeyOf = (userId: string | null, leadId: string, startAt: Date) => `${userId ?? `lead:${leadId}`}:${startAt.toISOString()}`;
const isUnique = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

/**
 * The lead picks one of the offered slots on /book/<token>. The claim is one conditional update
 * (PROPOSED -> CONFIRMED) that also sets `slotKey` (salesperson + start, unique): two picks of the same
 * proposal give one booking (the second sees it taken: the same slot again is answered with the
 * booking, another slot is a 409), and two proposals racing for one slot of the same salesperson give
 * one call (the unique index refuses the other: 409). With Cal.com configured, the booking is then made
 * there (`POST /v2/bookings`, our booking id in its metadata); a refusal releases the claim.
 */
export async function pickBookingSlot(opts: { token: string; startAt: string; now?: Date }): Promise<PickedBooking> {
  const ref = verifyBookingToken(opts.token);
  if (!ref) throw new AppError("bad_request", "booking.linkInvalid", { field: "token" });
  // A link is one lead's: 30 picks a minute is far more than a person clicks (a script guessing slots is not).
  await enforceRateLimit({ bucket: "booking-pick", subject: ref.bookingId, limit: 30, windowSeconds: 60 });
  const now = opts.now ?? new Date();
  const booking = await db().booking.findFirst({
    where: { id: ref.bookingId, organizationId: ref.organizationId },
    select: { id: true, organizationId: true, leadId: true, status: true, startAt: true, endAt: true, assignedToId: true, proposedSlots: true, moreSlots: true, leadTimezone: true, lead: { select: { firstName: true, lastName: true, email: true, language: true } } },
  });
  if (!booking) throw new AppError("bad_request", "booking.linkInvalid", { field: "token" });
  const wanted = new Date(opts.startAt);
  const answer = (b: { status: string; startAt: Date | null; endAt: Date | null }): PickedBooking => ({ status: b.status, startAt: b.startAt!.toISOString(), endAt: b.endAt!.toISOString() });
  if (booking.status !== "PROPOSED") {
    if (booking.startAt?.getTime() === wanted.getTime() && booking.status !== "CANCELLED") return answer(booking);
    throw new AppError("conflict", "booking.notOpen");
  }
  const slot = [...(booking.proposedSlots as StoredSlot[]), ...(booking.moreSlots as StoredSlot[])].find((s) => new Date(s.startAt).getTime() === wanted.getTime());
  if (!slot || wanted <= now) throw new AppError("validation", "booking.slotUnknown", { field: "startAt" });
  const startAt = new Date(slot.startAt);
  const endAt = new Date(slot.endAt);
  let claimed: number;
  try {
    claimed = (
      await db().booking.updateMany({
        where: { id: booking.id, status: "PROPOSED" },
        data: { status: "CONFIRMED", startAt, endAt, confirmedAt: now, slotKey: slotKeyOf(booking.assignedToId, booking.leadId, startAt) },
      })
    ).count;
  } catch (err) {
    if (isUnique(err)) throw new AppError("conflict", "booking.slotTaken", { field: "startAt" });
    throw err;
  }
  if (claimed === 0) {
    const now2 = await db().booking.findUniqueOrThrow({ where: { id: booking.id }, select: { status: true, startAt: true, endAt: true } });
    if (now2.startAt?.getTime() === startAt.getTime() && now2.status !== "CANCELLED") return answer(now2);
    throw new AppError("conflict", "booking.notOpen");
  }
  const cal = await calcomConfigOf(booking.organizationId);
  if (cal) {
    try {
      const made = await createCalBooking({
        apiKey: cal.apiKey,
        eventTypeId: cal.eventTypeId,
        start: startAt,
        attendee: { name: [booking.lead.firstName, booking.lead.lastName].filter(Boolean).join(" ") || booking.lead.email || "Lead", email: booking.lead.email ?? "", timeZone: booking.leadTimezone, language: booking.lead.language === "en" ? "en" : "fr" },
        metadata: { bookingId: booking.id, leadId: booking.leadId },
      });
      await db().booking.update({ where: { id: booking.id }, data: { provider: "CALCOM", externalId: made.uid, meetingUrl: made.meetingUrl, ...(made.endAt ? { endAt: made.endAt } : {}) } });
    } catch (err) {
      await db().booking.update({ where: { id: booking.id }, data: { status: "PROPOSED", startAt: null, endAt: null, confirmedAt: null, slotKey: null } });
      if (err instanceof CalcomError && err.status === 400) throw new AppError("conflict", "booking.slotTaken", { field: "startAt" });
      if (err instanceof CalcomError) throw new AppError("upstream", "booking.calcom", { values: { detail: err.message } });
      throw err;
    }
  }
  await announceBooking({ organizationId: booking.organizationId, bookingId: booking.id, rescheduled: false });
  return { status: "CONFIRMED", startAt: startAt.toISOString(), endAt: endAt.toISOString() };
}
