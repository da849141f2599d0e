import { createHash, timingSafeEqual } from "node:crypto";

/** `Authorization: Bearer <token>` equal to `expected`, compared in constant time (hashes of equal length). */
export function bearerMatches(header: string | null, expected: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(expected));
}
