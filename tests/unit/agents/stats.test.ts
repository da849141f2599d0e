import { describe, expect, it } from "vitest";
import { computeAgentStats, type ExecutionFact } from "@/lib/agents/stats";

/** Agent stats over a fixture of executions, against values computed by hand. */
const now = new Date("2026-12-04T12:00:00Z");
const ago = (h: number) => new Date(now.getTime() - h * 3600_000);
const ex = (status: string, hoursAgo: number, durationMs: number | null, tokensUsed = 0, credits = 0): ExecutionFact => ({ status, startedAt: ago(hoursAgo), durationMs, tokensUsed, credits });

const fixture: ExecutionFact[] = [
  // last 24 h: 4 finished (3 ok, 1 error), 1 running, 1 skipped
  ex("SUCCESS", 1, 1000, 1200, 30),
  ex("SUCCESS", 2, 3000, 800, 20),
  ex("ERROR", 5, 500, 100, 5),
  ex("SUCCESS", 23, 1500),
  ex("RUNNING", 0.1, null),
  ex("SKIPPED", 3, 0),
  // 1-7 days: 2 finished
  ex("SUCCESS", 30, 10_000, 4000, 100),
  ex("TIMEOUT", 100, 60_000),
  // 7-30 days: 1 finished
  ex("SUCCESS", 24 * 20, 2000, 50, 1),
  // older than 30 days: never counted
  ex("SUCCESS", 24 * 31, 99_999, 9999, 9999),
];

describe("computeAgentStats", () => {
  it("24 h: executions, success rate, average and p95 duration, tokens and credits", () => {
    expect(computeAgentStats(fixture, "24h", now)).toEqual({
      period: "24h",
      executions: 5, // skipped counted apart
      skipped: 1,
      successes: 3,
      errors: 1,
      successRate: 0.75, // 3 / 4 finished
      avgDurationMs: 1500, // (1000 + 3000 + 500 + 1500) / 4
      p95DurationMs: 3000, // sorted 500, 1000, 1500, 3000: rank ceil(3.8) = 4
      tokens: 2100,
      credits: 55,
    });
  });

  it("7 d and 30 d", () => {
    expect(computeAgentStats(fixture, "7d", now)).toEqual({
      period: "7d",
      executions: 7,
      skipped: 1,
      successes: 4,
      errors: 2, // ERROR + TIMEOUT
      successRate: 4 / 6,
      avgDurationMs: 12_667, // (500 + 1000 + 1500 + 3000 + 10000 + 60000) / 6 = 12666.67
      p95DurationMs: 60_000, // rank ceil(5.7) = 6
      tokens: 6100,
      credits: 155,
    });
    expect(computeAgentStats(fixture, "30d", now)).toMatchObject({ executions: 8, successes: 5, errors: 2, successRate: 5 / 7, avgDurationMs: 11_143, p95DurationMs: 60_000, tokens: 6150, credits: 156 });
  });

  it("no executions: zeros and nulls, not NaN", () => {
    expect(computeAgentStats([], "24h", now)).toEqual({ period: "24h", executions: 0, skipped: 0, successes: 0, errors: 0, successRate: null, avgDurationMs: null, p95DurationMs: null, tokens: 0, credits: 0 });
  });
});
