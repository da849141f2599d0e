import { describe, expect, it } from "vitest";
import { parseDurationMs, sleepUntil } from "@/lib/runtime/duration";
import { nextRetryAt, parseRetryAfter, retryDelayMs } from "@/lib/runtime/backoff";
import { nextCronTime, parseCronTrigger } from "@/lib/runtime/cron";
import { decodeTime } from "ulid";
import { hashStepId } from "@/lib/runtime/sdk-call";
import { newId as ulid, seededId as seededUlid } from "@/lib/runtime/ulid";

describe("durations", () => {
  it.each([
    ["10s", 10_000],
    ["1w2d3h4m5s", 604_800_000 + 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000],
    ["1h30m0s", 5_400_000],
    ["500ms", 500],
    ["1.5h", 5_400_000],
    ["2500", 2500],
  ])("%s = %d ms", (s, ms) => expect(parseDurationMs(s)).toBe(ms));

  it.each(["", "abc", "10x", "s10", "2026-01-01T00:00:00Z"])("%s is not a duration", (s) => expect(parseDurationMs(s)).toBeUndefined());

  it("resolves sleeps from a duration or an ISO date (sleepUntil)", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    expect(sleepUntil("1m", now).toISOString()).toBe("2026-05-01T10:01:00.000Z");
    expect(sleepUntil("2026-06-01T00:00:00.000Z", now).toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(() => sleepUntil("tomorrow", now)).toThrow(/Invalid sleep/);
  });
});

describe("backoff", () => {
  const opts = { baseMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.3 };
  it("grows exponentially, capped, with bounded jitter", () => {
    expect(retryDelayMs(0, opts, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, opts, () => 0.5)).toBe(8000);
    expect(retryDelayMs(20, opts, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(3, opts, () => 0)).toBe(5600);
    expect(retryDelayMs(3, opts, () => 0.999999)).toBeLessThanOrEqual(10_400);
    const samples = new Set(Array.from({ length: 50 }, () => retryDelayMs(2, opts)));
    expect(samples.size).toBeGreaterThan(10); // jitter spreads retries
  });

  it("honours retry-after in seconds or as a date", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    expect(parseRetryAfter("30", now)?.toISOString()).toBe("2026-05-01T10:00:30.000Z");
    expect(parseRetryAfter("2026-05-01T11:00:00.000Z", now)?.toISOString()).toBe("2026-05-01T11:00:00.000Z");
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(nextRetryAt({ attempt: 0, now, retryAfter: "5", backoff: opts }).toISOString()).toBe("2026-05-01T10:00:05.000Z");
    expect(nextRetryAt({ attempt: 0, now, backoff: opts, random: () => 0.5 }).toISOString()).toBe("2026-05-01T10:00:01.000Z");
  });
});

describe("cron with time zones", () => {
  it("parses the TZ= prefix", () => {
    expect(parseCronTrigger("TZ=Europe/Paris 0 9 * * *")).toEqual({ expression: "0 9 * * *", timezone: "Europe/Paris" });
    expect(parseCronTrigger("*/5 * * * *")).toEqual({ expression: "*/5 * * * *", timezone: "UTC" });
    expect(() => parseCronTrigger("TZ=Mars/Olympus 0 9 * * *")).toThrow(/unknown time zone/);
    expect(() => parseCronTrigger("every day")).toThrow(/Invalid cron/);
  });

  it("fires at 09:00 Paris time across the DST change", () => {
    const cron = "TZ=Europe/Paris 0 9 * * *";
    // Winter: 09:00 CET = 08:00Z. Summer (from 2026-03-29): 09:00 CEST = 07:00Z.
    expect(nextCronTime(cron, new Date("2026-03-27T12:00:00Z")).toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(nextCronTime(cron, new Date("2026-03-28T08:00:00Z")).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(nextCronTime("0 9 * * *", new Date("2026-03-28T08:00:00Z")).toISOString()).toBe("2026-03-28T09:00:00.000Z");
  });
});

describe("ids", () => {
  it("makes time-ordered ULIDs and deterministic seeded ones", () => {
    const a = ulid(1_700_000_000_000);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(a)).toBe(1_700_000_000_000);
    expect(ulid(1_700_000_000_001) > a).toBe(true);
    const sameMs = Array.from({ length: 1000 }, () => ulid(1_700_000_000_123));
    expect([...sameMs].sort()).toEqual(sameMs); // monotonic within one millisecond
    expect(new Set(sameMs).size).toBe(1000);
    expect(seededUlid(1, "seed,0")).toBe(seededUlid(1, "seed,0"));
    expect(seededUlid(1, "seed,0")).not.toBe(seededUlid(1, "seed,1"));
    // One send's events (one seed) sort in send order: batchEvents hands them to a run in id order.
    const send = Array.from({ length: 40 }, (_, i) => seededUlid(1_700_000_000_000, "1700000000000,abc", i));
    expect([...send].sort()).toEqual(send);
    expect(new Set(send).size).toBe(40);
    expect(send.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) && decodeTime(id) === 1_700_000_000_000)).toBe(true);
    expect(seededUlid(1, "seed", 3)).toBe(seededUlid(1, "seed", 3));
  });

  it("hashes step ids like the SDK", () => {
    expect(hashStepId("a")).toBe("86f7e437faa5a7fce15d1ddcb9eaeaea377667b8");
  });
});
