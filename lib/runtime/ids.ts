import { createHash, randomBytes } from "node:crypto";

/**
 * Identifiers. Runs and events use ULIDs (26 chars, Crockford base32, time-ordered) like Inngest,
 * so ids sort by creation time in lists and indexes.
 */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encodeTime(ms: number): string {
  let out = "";
  let t = Math.max(0, Math.floor(ms));
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 16 chars x 5 bits = 80 bits from the first 10 bytes.
  let bits = 0;
  let value = 0;
  let out = "";
  for (let i = 0; i < 10; i++) {
    value = (value << 8) | bytes[i]!;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

let lastTime = -1;
let lastRandom: Uint8Array = new Uint8Array(10);

/** Monotonic within this process: ids made in the same millisecond still sort in creation order. */
export function ulid(ms: number = Date.now()): string {
  const t = Math.floor(ms);
  if (t === lastTime) {
    const next = Uint8Array.from(lastRandom);
    for (let i = next.length - 1; i >= 0; i--) {
      next[i] = (next[i]! + 1) & 0xff;
      if (next[i] !== 0) break;
    }
    lastRandom = next;
  } else {
    lastTime = t;
    lastRandom = randomBytes(10);
  }
  return encodeTime(t) + encodeRandom(lastRandom);
}

/** A ULID derived from a seed: the same seed always gives the same id (idempotent event retries). */
export function seededUlid(ms: number, seed: string): string {
  return encodeTime(ms) + encodeRandom(createHash("sha256").update(seed).digest());
}

export function ulidTime(id: string): number {
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + CROCKFORD.indexOf(ch);
  return t;
}

/** The SDK's op id: lowercase hex SHA-1 of the step id. */
export function hashStepId(id: string): string {
  return createHash("sha1").update(id).digest("hex");
}

export function workerId(): string {
  return `w-${process.pid}-${randomBytes(4).toString("hex")}`;
}
