import { createHash } from "node:crypto";
import { monotonicFactory, ulid } from "ulid";

/**
 * Run, event and queue ids are ULIDs (the `ulid` package), like Inngest's: they sort by creation
 * time in lists and indexes. Monotonic within this process, so ids made in the same millisecond
 * still sort in creation order.
 */
export const newId: (ms?: number) => string = monotonicFactory();

/** A ULID derived from a seed: the same seed always gives the same id (idempotent event retries). */
export function seededId(ms: number, seed: string): string {
  const bytes = createHash("sha256").update(seed).digest();
  let i = 0;
  return ulid(ms, () => bytes[i++ % bytes.length]! / 256);
}
