import "server-only";
import { getCalSlots } from "@/lib/connectors/calcom/client";
import { db } from "@/lib/db/client";
import { calcomConfigOf, workingHoursOf } from "./settings";
import { freeSlots, localDayKey, startOfTomorrow, type Interval } from "./slots";

export const SLOT_MINUTES = 30;
/** The seed looks from tomorrow to 7 days later. */
export const HORIZON_DAYS = 7;

/** The calls a person already holds (a picked slot keeps its slotKey until it is cancelled). */
export async function busyOf(organizationId: string, userId: string, from: Date, to: Date): Promise<Interval[]> {
  const rows = await db().booking.findMany({
    where: { organizationId, assignedToId: userId, slotKey: { not: null }, startAt: { lt: to }, endAt: { gt: from } },
    select: { startAt: true, endAt: true },
  });
  return rows.flatMap((r) => (r.startAt && r.endAt ? [{ startAt: r.startAt, endAt: r.endAt }] : []));
}

/**
 * The salesperson's free slots from tomorrow to 7 days later: Cal.com's `GET /v2/slots` for the
 * organisation's event type when Cal.com is configured, else the built-in availability (their working
 * hours in their zone, minus the calls they hold). `provider` says which.
 */
export async function availableSlots(opts: { organizationId: string; userId: string; leadTimeZone: string; now: Date }): Promise<{ provider: "CALCOM" | "BUILTIN"; slots: Interval[]; timeZone: string }> {
  const cal = await calcomConfigOf(opts.organizationId);
  if (cal) {
    const from = startOfTomorrow(opts.now, opts.leadTimeZone);
    const to = new Date(from.getTime() + HORIZON_DAYS * 24 * 3600_000);
    const slots = await getCalSlots({ apiKey: cal.apiKey, eventTypeId: cal.eventTypeId, start: localDayKey(from, opts.leadTimeZone), end: localDayKey(new Date(to.getTime() - 1), opts.leadTimeZone), timeZone: opts.leadTimeZone, durationMinutes: SLOT_MINUTES });
    const busy = await busyOf(opts.organizationId, opts.userId, from, to);
    return { provider: "CALCOM", timeZone: opts.leadTimeZone, slots: slots.filter((s) => s.startAt >= from && s.startAt > opts.now && !busy.some((b) => b.startAt < s.endAt && s.startAt < b.endAt)) };
  }
  const hours = await workingHoursOf({ organizationId: opts.organizationId, userId: opts.userId });
  const from = startOfTomorrow(opts.now, hours.timeZone);
  const to = new Date(from.getTime() + HORIZON_DAYS * 24 * 3600_000);
  const busy = await busyOf(opts.organizationId, opts.userId, from, to);
  return { provider: "BUILTIN", timeZone: hours.timeZone, slots: freeSlots({ hours, from, to, durationMinutes: SLOT_MINUTES, busy }) };
}
