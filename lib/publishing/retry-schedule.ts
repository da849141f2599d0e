/**
 * When MKT-107 tries again after a retriable failure: exponential backoff from PUBLISH_RETRY_BASE_MS
 * (30 s by default: 30 s, 1 min, 2 min, 4 min, ... capped at 30 min), without jitter so the
 * timeline shows the exact next attempt. A rate limit waits for the platform's reset instead.
 */
export const MAX_RETRY_DELAY_MS = 30 * 60_000;

/** Delay after failed attempt number `attempt` (1-based). */
export function publishRetryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The whole schedule for `maxAttempts` attempts: the delays between them (maxAttempts - 1 values). */
export function publishRetrySchedule(maxAttempts: number, baseMs: number): number[] {
  return Array.from({ length: Math.max(0, maxAttempts - 1) }, (_, i) => publishRetryDelayMs(i + 1, baseMs));
}
