import { describe, expect, it } from "vitest";
import { computeAgentsHealth, computeAgentsOverview, computeDailySeries, type AgentExecutionFact, type AgentFact } from "@/lib/agents/stats";

/** The Agents overview, health and daily series over a fixture, against values computed by hand. */
const now = new Date("2026-12-04T12:00:00Z");
const ago = (h: number) => new Date(now.getTime() - h * 3600_000);
const ex = (agentId: string, status: string, hoursAgo: number, durationMs: number | null, credits = 0): AgentExecutionFact => ({ agentId, status, startedAt: ago(hoursAgo), durationMs, tokensUsed: 0, credits });
const agent = (id: string, name: string, status = "ACTIVE"): AgentFact => ({ id, name, workflowCode: null, status, lastExecutedAt: null });

const agents = [agent("a", "Alpha"), agent("b", "Beta"), agent("c", "Gamma", "INACTIVE"), agent("d", "Delta"), agent("e", "Echo")];
const rows: AgentExecutionFact[] = [
  // last 24 h: a 2 ok (1 s, 3 s) + 1 error (2 s); b 1 timeout (4 s); c 1 skipped; d 1 running
  ex("a", "SUCCESS", 1, 1000, 10),
  ex("a", "SUCCESS", 2, 3000, 5),
  ex("a", "ERROR", 3, 2000),
  ex("b", "TIMEOUT", 4, 4000),
  ex("c", "SKIPPED", 5, 0),
  ex("d", "RUNNING", 0.5, null),
  // 1-7 days: b 3 ok; d 1 ok
  ex("b", "SUCCESS", 30, 500),
  ex("b", "SUCCESS", 50, 500),
  ex("b", "SUCCESS", 70, 500),
  ex("d", "SUCCESS", 100, 100),
  // older than 7 days: e 1 error (not in the week)
  ex("e", "ERROR", 24 * 8, 100),
];

describe("computeAgentsOverview", () => {
  it("agents, active, runs of the last 24 h, average response time, error rate, top agents of the week", () => {
    expect(computeAgentsOverview(agents, rows, now)).toEqual({
      agents: 5,
      active: 4,
      executionsToday: 5, // a×3, b×1, d×1 (running); the skipped run is not a run
      avgResponseMs: 2500, // (1000 + 3000 + 2000 + 4000) / 4
      errorRate: 0.5, // a's error + b's timeout over 4 finished
      top: [
        { id: "b", name: "Beta", executions: 4, successRate: 0.75 },
        { id: "a", name: "Alpha", executions: 3, successRate: 2 / 3 },
        { id: "d", name: "Delta", executions: 2, successRate: 1 },
      ],
    });
  });
  it("no run: nulls, not zeros", () => {
    expect(computeAgentsOverview(agents, [], now)).toMatchObject({ executionsToday: 0, avgResponseMs: null, errorRate: null, top: [] });
  });
});

describe("computeAgentsHealth", () => {
  it("off, failing, degraded, idle and ok from the status and the error rate of 7 days", () => {
    const health = computeAgentsHealth([...agents, agent("f", "Foxtrot")], [...rows, ...Array.from({ length: 9 }, () => ex("f", "SUCCESS", 6, 10)), ex("f", "ERROR", 7, 10)], now);
    expect(health.map((h) => [h.id, h.health, h.errorRate7d, h.executions7d])).toEqual([
      ["a", "degraded", 1 / 3, 3],
      ["b", "degraded", 0.25, 4],
      ["c", "off", null, 0],
      ["d", "ok", 0, 2],
      ["e", "idle", null, 0],
      ["f", "degraded", 0.1, 10],
    ]);
    // Half the week failing is "failing".
    expect(computeAgentsHealth([agent("x", "X")], [ex("x", "ERROR", 1, 1), ex("x", "SUCCESS", 2, 1)], now)[0]!.health).toBe("failing");
  });
});

describe("computeDailySeries", () => {
  it("one point per UTC day, oldest first: successes, failures, p95 of the day, credits", () => {
    const series = computeDailySeries(rows, 3, now);
    expect(series).toEqual([
      { day: "2026-12-02", success: 1, failed: 0, p95Ms: 500, credits: 0 }, // 50 h ago = Dec 2 10:00
      { day: "2026-12-03", success: 1, failed: 0, p95Ms: 500, credits: 0 }, // 30 h ago = Dec 3 06:00
      { day: "2026-12-04", success: 2, failed: 2, p95Ms: 4000, credits: 15 }, // today: 1, 3, 2, 4 s -> p95 nearest rank = 4 s
    ]);
  });
});
