import { TZDate } from "@date-fns/tz";

/**
 * Deterministic times for the demo data, all relative to `now` in the organisation's timezone:
 * the same `now` always gives the same instants (no Math.random, no Date.now()).
 */
export type DemoClock = {
  now: Date;
  /** dayOffset days from today (calendar days in `tz`), at hour:minute local time. */
  at: (dayOffset: number, hour: number, minute?: number) => Date;
  /** A calendar date (today + dayOffset in `tz`) encoded as 00:00 UTC of that date (daily tables). */
  day: (dayOffset: number) => Date;
  /** Day offset (>= from) of the next given weekday (0 = Sunday ... 6 = Saturday). */
  nextWeekday: (weekday: number, from: number) => number;
  /** Local hour of `now` in `tz`. */
  hour: number;
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function plus(d: Date, ms: number): Date {
  return new Date(d.getTime() + ms);
}

export function makeClock(now: Date, tz = "Europe/Paris"): DemoClock {
  const local = new TZDate(now.getTime(), tz);
  const y = local.getFullYear();
  const m = local.getMonth();
  const d = local.getDate();
  const weekday = local.getDay();
  return {
    now,
    hour: local.getHours(),
    at: (dayOffset, hour, minute = 0) => new Date(new TZDate(y, m, d + dayOffset, hour, minute, 0, tz).getTime()),
    day: (dayOffset) => new Date(Date.UTC(y, m, d + dayOffset)),
    nextWeekday: (target, from) => {
      for (let k = from; k < from + 7; k++) if ((((weekday + k) % 7) + 7) % 7 === target) return k;
      return from;
    },
  };
}
