/**
 * Retry delays: exponential backoff with jitter, capped; a `retry-after` header (seconds or an
 * HTTP/ISO date) from a RetryAfterError wins over the computed delay.
 */
export type BackoffOptions = { baseMs: number; maxMs: number; factor?: number; jitter?: number };

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 10 * 60_000, factor: 2, jitter: 0.3 };

/** Delay before attempt `attempt + 1` after `attempt` (0-based) failed. `random` in [0, 1). */
export function retryDelayMs(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const factor = opts.factor ?? 2;
  const jitter = opts.jitter ?? 0.3;
  const raw = Math.min(opts.maxMs, opts.baseMs * Math.pow(factor, Math.max(0, attempt)));
  // Jitter spreads retries of many runs that failed together: +-jitter of the delay.
  const spread = raw * jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(opts.maxMs, Math.round(raw + spread)));
}

/** `retry-after` as the SDK sends it: whole seconds, or an ISO date. Returns the time to retry at. */
export function parseRetryAfter(value: string | null | undefined, now: Date): Date | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return new Date(now.getTime() + Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** When to retry: `retry-after` if present, else backoff. */
export function nextRetryAt(opts: { attempt: number; now: Date; retryAfter?: string | null; backoff?: BackoffOptions; random?: () => number }): Date {
  return parseRetryAfter(opts.retryAfter, opts.now) ?? new Date(opts.now.getTime() + retryDelayMs(opts.attempt, opts.backoff, opts.random));
}
