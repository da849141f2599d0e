import { TZDate } from "@date-fns/tz";
import * as rrulePkg from "rrule";
import { z } from "zod";

// rrule is CommonJS whose exports Node's ESM loader cannot detect: bundlers (Next, Vite) give its
// named exports, plain Node (a bundled worker, `node` scripts) only its module.exports as `default`.
const { RRule } = ((rrulePkg as { default?: typeof rrulePkg }).default ?? rrulePkg) as typeof rrulePkg;
type RRule = rrulePkg.RRule;

/**
 * RRULE expansion in the zone the user scheduled in. The rule is evaluated on wall-clock time
 * ("every Tuesday at 09:00 Paris" stays 09:00 across daylight-saving changes), then each local
 * time is turned back into an instant in `timezone`.
 */
export type ExpandRecurrenceOptions = {
  /** RFC 5545 rule without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=TU". An "RRULE:" prefix is accepted. */
  rrule: string;
  /** First occurrence (the series' own scheduledAt). */
  start: Date;
  timezone: string;
  /** Occurrences strictly after this instant... */
  after: Date;
  /** ...and up to this one (inclusive). */
  until: Date;
  /** Hard cap on the number of occurrences returned. */
  max?: number;
};

/** Local wall-clock components of `d` in `tz`, as a UTC date (the "floating" time rrule works on). */
function toFloating(d: Date, tz: string): Date {
  const z = new TZDate(d.getTime(), tz);
  return new Date(Date.UTC(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds()));
}

/** A floating wall-clock time back to the instant it denotes in `tz`. */
function fromFloating(f: Date, tz: string): Date {
  const z = new TZDate(f.getUTCFullYear(), f.getUTCMonth(), f.getUTCDate(), f.getUTCHours(), f.getUTCMinutes(), f.getUTCSeconds(), tz);
  return new Date(z.getTime());
}

export function parseRrule(rrule: string): RRule {
  const text = rrule.trim().replace(/^RRULE:/i, "");
  const opts = RRule.parseString(text);
  if (opts.freq === undefined) throw new Error("RRULE needs FREQ");
  return new RRule(opts);
}

export function expandRecurrence(o: ExpandRecurrenceOptions): Date[] {
  const base = parseRrule(o.rrule);
  const rule = new RRule({ ...base.origOptions, dtstart: toFloating(o.start, o.timezone), tzid: undefined });
  const max = o.max ?? 200;
  const out: Date[] = [];
  // Search a little wider in floating time (zone offsets are at most +-14 h), then filter on instants.
  const from = new Date(toFloating(o.after, o.timezone).getTime() - 15 * 3600_000);
  const to = new Date(toFloating(o.until, o.timezone).getTime() + 15 * 3600_000);
  rule.between(from, to, true, (f) => {
    const at = fromFloating(f, o.timezone);
    if (at.getTime() > o.after.getTime() && at.getTime() <= o.until.getTime()) out.push(at);
    return out.length < max;
  });
  return out;
}

/** An RRULE as input (the composer's recurrence field): parsed by rrule, at most 500 characters. */
export const rruleSchema = z.string().max(500).refine(
  (s) => {
    try {
      parseRrule(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "validation.rrule" },
);
