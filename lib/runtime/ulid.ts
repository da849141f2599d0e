import { createHash, randomFillSync } from "node:crypto";
import { monotonicFactory, ulid } from "ulid";

/**
 * The ULIDs' randomness from a pooled buffer of crypto-random bytes: the package's default draws one
 * byte per character through `crypto.getRandomValues` (16 calls per new millisecond), 3.6 % of the
 * app's CPU in the bench:leads profile.
 */
const randomPool = Buffer.alloc(4096);
let randomOffset = randomPool.length;
export function pooledRandom(): number {
  if (randomOffset >= randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  return randomPool[randomOffset++]! / 256;
}

/**
 * Run, event and queue ids are ULIDs (the `ulid` package), like Inngest's: they sort by creation
 * time in lists and indexes. Monotonic within this process, so ids made in the same millisecond
 * still sort in creation order.
 */
export const newId: (ms?: number) => string = monotonicFactory(pooledRandom);

/** A ULID derived from a seed: the same seed always gives the same id (idempotent event retries). */
export function seededId(ms: number, seed: string): string {
  const bytes = createHash("sha256").update(seed).digest();
  let i = 0;
  return ulid(ms, () => bytes[i++ % bytes.length]! / 256);
}
