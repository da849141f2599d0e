import { TZDate } from "@date-fns/tz";
import { isTimeZone } from "@/lib/utils";

/**
 * Calendar dates of an organisation (its IANA time zone). Ad reporting days and budget months are
 * local dates "YYYY-MM-DD"; daily tables store them as 00:00 UTC of that date.
 */
export const DAY_MS = 86_400_000;

const zone = (tz: string) => (isTimeZone(tz) ? tz : "UTC");

/** "YYYY-MM-DD" of `at` in `tz`. */
export function localDate(at: Date, tz: string): string {
  return at.toLocaleDateString("en-CA", { timeZone: zone(tz) });
}

/** Local hour (0-23) of `at` in `tz`. */
export function localHour(at: Date, tz: string): number {
  return new TZDate(at.getTime(), zone(tz)).getHours();
}

/** A "YYYY-MM-DD" date as the 00:00 UTC instant daily tables use. */
export const dayKey = (date: string): Date => new Date(`${date}T00:00:00.000Z`);

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  return new Date(dayKey(date).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayKey(b).getTime() - dayKey(a).getTime()) / DAY_MS);
}

/** First and last local date of the month containing `date`. */
export function monthOf(date: string): { first: string; last: string } {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first: `${date.slice(0, 7)}-01`, last };
}

/** Instant of local midnight starting `date` in `tz`. */
export function startOfLocalDay(date: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, zone(tz)).getTime());
}
