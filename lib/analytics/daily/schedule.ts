import { TZDate } from "@date-fns/tz";
import { isTimeZone } from "@/lib/utils";
import { addDays, localDate } from "@/lib/time/local-dates";

/**
 * When MKT-402 runs: 23:59 in each organisation's time zone. A UTC cron ticks at minutes 14, 29, 44
 * and 59 (every zone's offset is a multiple of 15 minutes, so 23:59 local always falls on a tick: Dakar
 * at 23:59 UTC, Paris at 22:59 UTC in winter and 21:59 UTC in summer, Kolkata at 18:29 UTC,
 * Kathmandu at 18:14 UTC). An organisation is due for local date D from D 23:59 until 6 hours later,
 * so a tick missed by a restart is caught by the next ones; the claim (`ad_daily_runs`, job "mkt-402",
 * one row per local date) makes it run once. Each run recomputes D and D-1 (late metrics, the last minute).
 */
export const MKT402_CRON = "TZ=UTC 14,29,44,59 * * * *";
export const CATCH_UP_MINUTES = 6 * 60;

const zone = (tz: string) => (isTimeZone(tz) ? tz : "UTC");

/** The local date whose 23:59 has come at `now` within the catch-up window, or null. */
export function dueAnalyticsDate(now: Date, tz: string): string | null {
  const local = new TZDate(now.getTime(), zone(tz));
  const minutes = local.getHours() * 60 + local.getMinutes();
  const today = localDate(now, tz);
  if (minutes >= 23 * 60 + 59) return today; // 23:59 today
  // After midnight: yesterday's 23:59 was (minutes + 1) minutes ago.
  if (minutes + 1 <= CATCH_UP_MINUTES) return addDays(today, -1);
  return null;
}

/** Every local date from `from` to `to`, inclusive (both "YYYY-MM-DD"). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
