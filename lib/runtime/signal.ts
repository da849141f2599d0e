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
