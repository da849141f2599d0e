/**
 * Inngest time strings: "10s", "1w2d3h4m5s", "500ms", Go-style "1h30m0s"; numbers are milliseconds.
 * `step.sleepUntil` sends an ISO date in the Sleep op's `name` instead.
 */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;

/** Milliseconds of a time string, or undefined when it is not one. */
export function parseDurationMs(input: string | number): number | undefined {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 ? input : undefined;
  const s = input.trim();
  if (s === "") return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let pos = 0;
  PART.lastIndex = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    pos = PART.lastIndex;
  }
  return total;
}

export function requireDurationMs(input: string | number, what: string): number {
  const ms = parseDurationMs(input);
  if (ms === undefined) throw new Error(`Invalid ${what} duration "${input}" (expected e.g. "30s", "1h30m", "2d")`);
  return ms;
}

/** When a Sleep op ends: a duration from `now`, or an ISO date (sleepUntil). */
export function sleepUntil(name: string, now: Date): Date {
  const ms = parseDurationMs(name);
  if (ms !== undefined) return new Date(now.getTime() + ms);
  const at = Date.parse(name);
  if (Number.isNaN(at)) throw new Error(`Invalid sleep "${name}": neither a duration nor an ISO date`);
  return new Date(at);
}
