import { EventEmitter } from "node:events";

/**
 * In-process wake-ups: ingestion and commits signal the executor so it claims new work at once
 * instead of waiting for its next poll. Other processes find the work on their next poll.
 */
const g = globalThis as unknown as { __meRuntimeSignal?: EventEmitter };
const emitter: EventEmitter = (g.__meRuntimeSignal ??= new EventEmitter().setMaxListeners(100));

export function notifyWork(): void {
  emitter.emit("work");
}

export function onWork(listener: () => void): () => void {
  emitter.on("work", listener);
  return () => emitter.off("work", listener);
}
