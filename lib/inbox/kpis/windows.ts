import { TZDate } from "@date-fns/tz";
import { isTimeZone } from "@/lib/utils";

/**
 * Fixed 2-hour windows of the organisation's local time (seed 003: [00-02, 02-04, … 22-00]): a window
 * is every instant whose local wall-clock time, in `tz` (IANA, through @date-fns/tz), falls on one local
 * date between 2k:00 and 2k+2:00. Every IANA offset in use is a whole number of quarter hours, so window
 * edges fall on UTC quarter hours: walking them finds each edge exactly, DST included. On the last Sunday
 * of March in Paris the 02-04 window lasts 1 hour (02:00 → 03:00 is skipped), on the last Sunday of
 * October 3 hours (02:00-03:00 happens twice); zones without DST (Africa/Abidjan, Africa/Dakar) always
 * have 2 hours. Pure: no database.
 */
export type KpiWindowRange = { start: Date; end: Date; localDate: string; slot: number };

const QUARTER = 15 * 60_000;
const zone = (tz: string) => (isTimeZone(tz) ? tz : "UTC");

function keyOf(ms: number, tz: string): { localDate: string; slot: number } {
  const d = new TZDate(ms, tz);
  const localDate = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return { localDate, slot: Math.floor(d.getHours() / 2) };
}

const same = (a: { localDate: string; slot: number }, b: { localDate: string; slot: number }) => a.localDate === b.localDate && a.slot === b.slot;

/** The window containing `at`. */
export function kpiWindowOf(at: Date, tz: string): KpiWindowRange {
  const z = zone(tz);
  const key = keyOf(at.getTime(), z);
  let start = Math.floor(at.getTime() / QUARTER) * QUARTER;
  while (same(keyOf(start - QUARTER, z), key)) start -= QUARTER;
  let end = start + QUARTER;
  while (same(keyOf(end, z), key)) end += QUARTER;
  return { start: new Date(start), end: new Date(end), ...key };
}

/** The windows that overlap [from, to), in order (the first may start before `from`, the last end after `to`). */
export function kpiWindowsBetween(from: Date, to: Date, tz: string): KpiWindowRange[] {
  const out: KpiWindowRange[] = [];
  let w = kpiWindowOf(from, tz);
  while (w.start.getTime() < to.getTime()) {
    out.push(w);
    w = kpiWindowOf(w.end, tz);
  }
  return out;
}
