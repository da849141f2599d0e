/**
 * The executor's notion of "now". Everything in lib/runtime reads time here (never Date.now()
 * directly) so tests can move time forward: a cron at 09:00 Paris, a 1-hour sleep, a wait timeout.
 */
type ClockState = { offsetMs: number };
const g = globalThis as unknown as { __meRuntimeClock?: ClockState };
const state: ClockState = (g.__meRuntimeClock ??= { offsetMs: 0 });

export function now(): Date {
  return new Date(Date.now() + state.offsetMs);
}

export function nowMs(): number {
  return Date.now() + state.offsetMs;
}

/** A wall-clock time from outside (an event's `ts`, set by the sender) on this clock. */
export function fromWallClock(ms: number): Date {
  return new Date(ms + state.offsetMs);
}

/** Tests: shift the clock so that `now()` returns `to` (time keeps running from there). */
export function setClockTo(to: Date): void {
  state.offsetMs = to.getTime() - Date.now();
}

export function advanceClock(ms: number): void {
  state.offsetMs += ms;
}

export function resetClock(): void {
  state.offsetMs = 0;
}
