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

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const INDEX_CHARS = 5;

/**
 * A ULID derived from a seed and an index: the same seed and index always give the same id
 * (idempotent event retries). The last 5 characters carry the index, so the events of one send
 * (one seed) sort in the order they were sent, like ids made by newId (batchEvents hands a run
 * its events in id order).
 */
export function seededId(ms: number, seed: string, index = 0): string {
  if (!Number.isInteger(index) || index < 0 || index >= 32 ** INDEX_CHARS) throw new RangeError(`seededId index out of range: ${index}`);
  const bytes = createHash("sha256").update(seed).digest();
  let i = 0;
  const base = ulid(ms, () => bytes[i++ % bytes.length]! / 256);
  let suffix = "";
  for (let n = index, k = 0; k < INDEX_CHARS; k++, n = Math.floor(n / 32)) suffix = CROCKFORD[n % 32]! + suffix;
  return base.slice(0, base.length - INDEX_CHARS) + suffix;
}
