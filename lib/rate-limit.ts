import "server-only";
import { Prisma, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Token buckets in PostgreSQL (one atomic upsert per hit), so every app instance shares the limit.
 * A bucket holds at most `limit` tokens and refills continuously at `limit` per `windowSeconds`; a hit
 * takes one token or is refused (and takes nothing). Unlike fixed windows, a burst just before a
 * window boundary is not followed by a second full burst just after it (issue 10, row 11): after
 * `limit` hits the next one waits for a token, whatever the clock says.
 * Used for sign-in and public endpoints (OWASP API4): 429 + Retry-After when exceeded.
 */
export type RateLimitResult = { allowed: boolean; remaining: number; limit: number; retryAfterSeconds: number };

export async function hitRateLimit(opts: { bucket: string; subject: string; limit: number; windowSeconds: number; now?: Date }): Promise<RateLimitResult> {
  const now = opts.now ?? new Date();
  const ratePerMs = opts.limit / (opts.windowSeconds * 1000);
  const key = `${opts.bucket}:${opts.subject}`.slice(0, 500);
  // The tokens now: what was left plus the refill since, never above the limit (a clock that went back refills nothing).
  const refilled = Prisma.sql`LEAST(${opts.limit}::float8, rate_limit_buckets.tokens + GREATEST(0, EXTRACT(EPOCH FROM (EXCLUDED."updatedAt" - rate_limit_buckets."updatedAt")) * 1000) * ${ratePerMs}::float8)`;
  const rows = await db().$queryRaw<{ tokens: number; allowed: boolean }[]>`
    INSERT INTO rate_limit_buckets (key, tokens, "updatedAt", allowed) VALUES (${key}, ${opts.limit - 1}::float8, ${now}, true)
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
      allowed = ${refilled} >= 1,
      "updatedAt" = GREATEST(rate_limit_buckets."updatedAt", EXCLUDED."updatedAt")
    RETURNING tokens, allowed`;
  const { tokens, allowed } = rows[0] ?? { tokens: opts.limit - 1, allowed: true };
  const missing = allowed ? 0 : 1 - Number(tokens);
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil(missing / ratePerMs / 1000));
  return { allowed, remaining: Math.max(0, Math.floor(Number(tokens))), limit: opts.limit, retryAfterSeconds };
}

/** Throws AppError("rate_limited") with Retry-After when the subject is over its limit. */
export async function enforceRateLimit(opts: Parameters<typeof hitRateLimit>[0]): Promise<void> {
  const res = await hitRateLimit(opts);
  if (!res.allowed) {
    throw new AppError("rate_limited", "http.rateLimited", { values: { seconds: res.retryAfterSeconds }, retryAfterSeconds: res.retryAfterSeconds });
  }
}
