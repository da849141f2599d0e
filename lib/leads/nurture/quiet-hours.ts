import { atLocal, localDate } from "@/lib/leads/booking/slots";

/**
 * MKT-303 "quiet hours in the lead's time zone", pure. The default (ARCHITECTURE.md, Decisions): no
 * nurture message between 20:00 and 08:00 in the lead's zone, nor on Sunday; a send due then waits
 * (durably, in mkt-303) for the next opening, 08:00 local on the next day that is not closed. Local
 * times go through @date-fns/tz, so 08:00 in Paris is 07:00 UTC in winter and 06:00 UTC in summer.
 */
export type QuietHours = { opensMinute: number; closesMinute: number; closedIsoWeekdays: number[] };

export const DEFAULT_QUIET_HOURS: QuietHours = { opensMinute: 8 * 60, closesMinute: 20 * 60, closedIsoWeekdays: [7] };

/** `at` itself when a message may go out then in `timeZone`, else the instant the next sending window opens. */
export function nextSendWindow(at: Date, timeZone: string, rules: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const { y, m, d, isoWeekday } = localDate(at, timeZone);
  const opens = atLocal(y, m, d, rules.opensMinute, timeZone);
  const closes = atLocal(y, m, d, rules.closesMinute, timeZone);
  const openDay = !rules.closedIsoWeekdays.includes(isoWeekday);
  if (openDay && at >= opens && at < closes) return at;
  if (openDay && at < opens) return opens;
  // After closing time or on a closed day: the next day that is open, at opening time.
  for (let ahead = 1; ahead <= 7; ahead++) {
    const next = localDate(atLocal(y, m, d + ahead, 12 * 60, timeZone), timeZone);
    if (!rules.closedIsoWeekdays.includes(next.isoWeekday)) return atLocal(next.y, next.m, next.d, rules.opensMinute, timeZone);
  }
  return at; // every day closed: nothing to wait for (not a configuration this code makes)
}
