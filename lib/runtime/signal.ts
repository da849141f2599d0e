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
 * Ingest pressure: the node:http receivers of the production server (lib/api/node-route.ts) count the
 * deliveries they are answering. A burst is deliveries queueing: INGEST_BURST_IN_FLIGHT or more at once
 * when one arrives. The executor of the same process takes fewer items while a burst was seen in the
 * last `withinMs` (lib/workflows/start-executor.ts), so a burst of webhooks is accepted first and
 * processed right behind it, at full concurrency once the burst is over. Steady traffic (a lead now and
 * then, each answered before the next arrives) is no burst: its processing keeps every slot.
 */
export const INGEST_BURST_IN_FLIGHT = 4;
const gi = globalThis as unknown as { __meIngestAt?: number; __meIngestInFlight?: number };

/** A delivery begins; call the function returned once it is answered. */
export function beginIngest(): () => void {
  const inFlight = (gi.__meIngestInFlight = (gi.__meIngestInFlight ?? 0) + 1);
  if (inFlight >= INGEST_BURST_IN_FLIGHT) gi.__meIngestAt = performance.now();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    gi.__meIngestInFlight = (gi.__meIngestInFlight ?? 1) - 1;
  };
}

export function ingestActiveWithin(withinMs: number): boolean {
  return gi.__meIngestAt !== undefined && performance.now() - gi.__meIngestAt < withinMs;
}
