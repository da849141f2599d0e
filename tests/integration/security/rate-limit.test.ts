import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { hitRateLimit } from "@/lib/rate-limit";

/**
 * Issue 10, row 11: fixed-window limits let a burst across a minute boundary through twice (240
 * accepted in 37 s against 120/min). The clock is driven through `now`: no sleeps.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

const at = (iso: string) => new Date(`2026-11-22T${iso}Z`);
const burst = async (subject: string, n: number, now: Date, limit = 120) => {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await hitRateLimit({ bucket: "burst", subject, limit, windowSeconds: 60, now })).allowed) allowed++;
  return allowed;
};

describe("rate limits (token bucket in PostgreSQL)", () => {
  it("a burst just before a minute boundary and another just after are not both let through", async () => {
    expect(await burst("ip:boundary", 120, at("10:00:59.900"))).toBe(120);
    // Fixed windows: a new minute, 120 more. Token bucket: 0.2 s refilled 0.4 token, so none.
    expect(await burst("ip:boundary", 120, at("10:01:00.100"))).toBe(0);
    // 37 s after the first burst: at most the 74 tokens refilled since (2 per second), not another 120.
    expect(await burst("ip:boundary", 120, at("10:01:36.900"))).toBe(74);
  });

  it("counts atomically under concurrency and says when to retry", async () => {
    const now = at("10:00:30");
    const results = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit({ bucket: "t", subject: "ip:1", limit: 10, windowSeconds: 60, now })));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    // One token every 6 s (10 per minute).
    expect(Math.max(...results.map((r) => r.retryAfterSeconds))).toBe(6);
    expect((await hitRateLimit({ bucket: "t", subject: "ip:1", limit: 10, windowSeconds: 60, now: at("10:00:35") })).allowed).toBe(false);
    expect((await hitRateLimit({ bucket: "t", subject: "ip:1", limit: 10, windowSeconds: 60, now: at("10:00:36") })).allowed).toBe(true);
  });

  it("refills to the limit, never above, and a clock going back refills nothing", async () => {
    expect(await burst("ip:idle", 5, at("09:00:00"), 5)).toBe(5);
    expect(await burst("ip:idle", 10, at("12:00:00"), 5)).toBe(5);
    expect(await burst("ip:idle", 1, at("11:00:00"), 5)).toBe(0);
  });

  it("buckets are per subject", async () => {
    expect(await burst("ip:a", 3, at("10:00:00"), 2)).toBe(2);
    expect(await burst("ip:b", 3, at("10:00:00"), 2)).toBe(2);
  });
});
