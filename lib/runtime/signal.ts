import { EventEmitter } from "node:events";

/**
 * In-process wake-ups: ingestion and commits signal the executor so it claims new work at once
 * instead of waiting for its next poll; commits that create a timer (sleep, retry, wait timeout,
 * delayed start) announce its due time so the executor wakes exactly then. Other processes learn
 * of new work by LISTEN/NOTIFY (queue.ts WORK_CHANNEL) and of timers from the queue itself.
 */
const g = globalThis as unknown as { __meRuntimeSignal?: EventEmitter };
const emitter: EventEmitter = (g.__meRuntimeSignal ??= new EventEmitter().setMaxListeners(100));

export function notifyWork(): void {
  emitter.emit("work");
}

/** Whether an executor runs in this process (else other processes are woken by NOTIFY). */
export function hasLocalExecutor(): boolean {
  return emitter.listenerCount("work") > 0;
}

export function onWork(listener: () => void): () => void {
  emitter.on("work", listener);
  return () => emitter.off("work", listener);
}

/** A committed (or about to be committed) item becomes due at `at`. */
export function notifyDue(at: Date): void {
  emitter.emit("due", at);
}

export function onDue(listener: (at: Date) => void): () => void {
  emitter.on("due", listener);
  return () => emitter.off("due", listener);
}

/**
 * Ingest pressure: the node:http receivers of the production server (lib/api/node-route.ts) note each
 * delivery; the executor of the same process takes fewer items while deliveries arrived in the last
 * `withinMs` (lib/workflows/start-executor.ts), so a burst of webhooks is accepted first and processed
 * right behind it, at full concurrency once the burst is over.
 */
const gi = globalThis as unknown as { __meIngestAt?: number };

export function noteIngest(): void {
  gi.__meIngestAt = performance.now();
}

export function ingestActiveWithin(withinMs: number): boolean {
  return gi.__meIngestAt !== undefined && performance.now() - gi.__meIngestAt < withinMs;
}
