import { TZDate } from "@date-fns/tz";
import { isTimeZone } from "@/lib/utils";
import { addDays, localDate } from "@/lib/time/local-dates";

/**
 * When MKT-403 runs: Monday 08:00 in each organisation's time zone, for the ISO week that just ended.
 * Like MKT-402, one UTC cron every 15 minutes (every zone's offset is a multiple of 15 minutes) and a
 * claim per organisation and week (`ad_daily_runs`, job "mkt-403", localDate = the reported week's
 * Monday): an organisation is due from Monday 08:00 until 14:00 local, so a missed tick is caught up.
 */
export const MKT403_CRON = "TZ=UTC 0,15,30,45 * * * *";
export const CATCH_UP_HOURS = 6;

/** The Monday (local date) of the week to report at `now` in `tz`, or null when not Monday 08:00-14:00 there. */
export function dueWeeklyReport(now: Date, tz: string): string | null {
  const local = new TZDate(now.getTime(), isTimeZone(tz) ? tz : "UTC");
  if (local.getDay() !== 1) return null;
  const hour = local.getHours();
  if (hour < 8 || hour >= 8 + CATCH_UP_HOURS) return null;
  return addDays(localDate(now, tz), -7);
}
