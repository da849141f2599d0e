import { atLocal, localDate } from "@/lib/leads/booking/slots";
import { setClockTo } from "@/lib/runtime/clock";

/**
 * Tests whose nurture sends must not fall into the quiet hours (20:00-08:00 and Sundays in the lead's
 * zone) whatever the hour they run at: the executor's clock is set to the next Tuesday 09:00 in
 * `timeZone` (then +3, +10 and +8 days all land on weekdays between 08:00 and 20:00).
 */
export function setClockToSendingHours(timeZone = "Europe/Paris"): Date {
  const today = localDate(new Date(), timeZone);
  const ahead = ((2 - (today.isoWeekday % 7) + 7) % 7) || 7;
  const at = atLocal(today.y, today.m, today.d + ahead, 9 * 60, timeZone);
  setClockTo(at);
  return at;
}
