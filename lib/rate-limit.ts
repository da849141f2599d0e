import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Fixed-window counters in PostgreSQL (one atomic upsert per hit), so every app instance shares
 * the limit. Used for sign-in and public endpoints (OWASP API4): 429 + Retry-After when exceeded.
 */
export type RateLimitResult = { allowed: boolean; count: number; limit: number; retryAfterSeconds: number };

export async function hitRateLimit(opts: { bucket: string; subject: string; limit: number; windowSeconds: number; now?: Date }): Promise<RateLimitResult> {
  const now = opts.now ?? new Date();
  const windowMs = opts.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${opts.bucket}:${opts.subject}`.slice(0, 500);
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, "windowStart", count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_buckets."windowStart" = EXCLUDED."windowStart" THEN rate_limit_buckets.count + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart"
    RETURNING count`;
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= opts.limit, count, limit: opts.limit, retryAfterSeconds };
}

/** Throws AppError("rate_limited") with Retry-After when the subject is over its limit. */
export async function enforceRateLimit(opts: Parameters<typeof hitRateLimit>[0]): Promise<void> {
  const res = await hitRateLimit(opts);
  if (!res.allowed) {
    throw new AppError("rate_limited", `Too many requests. Try again in ${res.retryAfterSeconds} s.`, { retryAfterSeconds: res.retryAfterSeconds });
  }
}

/**
 * The client address for rate limiting. Behind one trusted proxy the last X-Forwarded-For hop is the
 * one the proxy saw; earlier hops are client-controlled and ignored, so spoofing them changes nothing.
 */
export function clientAddress(req: Request): string {
  const xff = req.headers.get("x-forwarded-for");
  const last = xff?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ?? req.headers.get("x-real-ip") ?? "unknown";
}
