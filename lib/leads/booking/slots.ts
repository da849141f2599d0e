import { TZDate } from "@date-fns/tz";

/**
 * MKT-305 slot arithmetic, pure (no database, no clock): free slots inside a person's working hours
 * in their time zone (DST-correct: 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer),
 * minus busy intervals; and the seed's "3 best slots" rule: the soonest free slot of each of the
 * first days with room, as the lead counts days (their time zone), so the three are spread across days.
 */
export type Interval = { startAt: Date; endAt: Date };
export type WorkingHoursSpec = { days: number[]; startMinute: number; endMinute: number; timeZone: string };

/** Monday-Friday 09:00-18:00 (the default when a member set nothing), in the given zone. */
export const defaultWorkingHours = (timeZone: string): WorkingHoursSpec => ({ days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 18 * 60, timeZone });

const DAY_MS = 24 * 3600_000;

/** The local calendar date (y, m, d) and ISO weekday of an instant in a zone. */
export function localDate(at: Date, timeZone: string): { y: number; m: number; d: number; isoWeekday: number } {
  const z = new TZDate(at.getTime(), timeZone);
  const wd = z.getDay();
  return { y: z.getFullYear(), m: z.getMonth(), d: z.getDate(), isoWeekday: wd === 0 ? 7 : wd };
}

/** The instant of local wall time y-m-d + minutes in a zone. */
export function atLocal(y: number, m: number, d: number, minutes: number, timeZone: string): Date {
  return new Date(new TZDate(y, m, d, Math.floor(minutes / 60), minutes % 60, 0, timeZone).getTime());
}

/** "YYYY-MM-DD" of an instant as a zone counts days. */
export function localDayKey(at: Date, timeZone: string): string {
  const { y, m, d } = localDate(at, timeZone);
  return `${y}-${String(m + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Start of the next local day after `now` in a zone (the seed looks from tomorrow). */
export function startOfTomorrow(now: Date, timeZone: string): Date {
  const { y, m, d } = localDate(now, timeZone);
  return atLocal(y, m, d + 1, 0, timeZone);
}

const overlaps = (a: Interval, b: Interval) => a.startAt < b.endAt && b.startAt < a.endAt;

/**
 * Every slot of `durationMinutes` (every `stepMinutes` from the start of the working day) that fits
 * inside the working hours of each local day between `from` and `to`, starts at or after `from`, and
 * overlaps no busy interval.
 */
export function freeSlots(opts: { hours: WorkingHoursSpec; from: Date; to: Date; durationMinutes: number; stepMinutes?: number; busy?: Interval[] }): Interval[] {
  const { hours, from, to, durationMinutes } = opts;
  const step = opts.stepMinutes ?? durationMinutes;
  const busy = opts.busy ?? [];
  const days = new Set(hours.days);
  const out: Interval[] = [];
  const first = localDate(from, hours.timeZone);
  const span = Math.ceil((to.getTime() - from.getTime()) / DAY_MS) + 1;
  for (let i = 0; i <= span; i++) {
    const noon = atLocal(first.y, first.m, first.d + i, 12 * 60, hours.timeZone);
    const day = localDate(noon, hours.timeZone);
    if (!days.has(day.isoWeekday)) continue;
    for (let min = hours.startMinute; min + durationMinutes <= hours.endMinute; min += step) {
      const startAt = atLocal(day.y, day.m, day.d, min, hours.timeZone);
      const endAt = new Date(startAt.getTime() + durationMinutes * 60_000);
      if (startAt < from || endAt > to) continue;
      const slot = { startAt, endAt };
      if (busy.some((b) => overlaps(b, slot))) continue;
      out.push(slot);
    }
  }
  return out.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
}

/**
 * The 3 best slots: the soonest slot of each of the first 3 days (in the lead's zone) that have one;
 * with fewer days, the soonest remaining slots fill the rest. Returned soonest first.
 */
export function bestSlots(slots: Interval[], leadTimeZone: string, count = 3): Interval[] {
  const sorted = [...slots].sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const picked: Interval[] = [];
  const days = new Set<string>();
  for (const s of sorted) {
    if (picked.length >= count) break;
    const key = localDayKey(s.startAt, leadTimeZone);
    if (days.has(key)) continue;
    days.add(key);
    picked.push(s);
  }
  for (const s of sorted) {
    if (picked.length >= count) break;
    if (!picked.includes(s)) picked.push(s);
  }
  return picked.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
}

/** Up to `count` more slots spread over the days (at most `perDay` a day as the lead counts days), soonest first. */
export function spreadSlots(slots: Interval[], leadTimeZone: string, count: number, perDay = 3): Interval[] {
  const byDay = new Map<string, number>();
  const out: Interval[] = [];
  for (const s of [...slots].sort((a, b) => a.startAt.getTime() - b.startAt.getTime())) {
    const key = localDayKey(s.startAt, leadTimeZone);
    if ((byDay.get(key) ?? 0) >= perDay) continue;
    byDay.set(key, (byDay.get(key) ?? 0) + 1);
    out.push(s);
    if (out.length >= count) break;
  }
  return out;
}

/** Slots as stored in JSON (ISO instants). */
export const toStored = (slots: Interval[]) => slots.map((s) => ({ startAt: s.startAt.toISOString(), endAt: s.endAt.toISOString() }));
