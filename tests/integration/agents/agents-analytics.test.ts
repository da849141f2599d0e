import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * The Agents page's analytics against PostgreSQL: overview, health and AI cost per agent and per day
 * over a fixture of executions and ledger rows equal hand-computed values, scoped to the organisation
 * (another organisation sees none of it); the on/off switch and a finished run reach open pages as
 * live events (agent.updated, agent.executed) of their organisation.
 */
let t: TestDatabase;
let a: { orgId: string };
let b: { orgId: string };

async function tenant(label: string) {
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createOrganization } = await import("@/lib/orgs/create-organization");
  const owner = await signUp({ name: `Owner ${label}`, email: `agents-analytics-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `Agents analytics ${label}` } });
  return { orgId: org.id };
}

beforeAll(async () => {
  t = await createTestDatabase();
  a = await tenant("a");
  b = await tenant("b");
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

const now = new Date();
const ago = (h: number) => new Date(now.getTime() - h * 3600_000);

describe("Agents analytics", () => {
  it("overview, health and AI cost per agent and per day equal hand-computed values, for this organisation only", async () => {
    const { getAgentsAnalytics } = await import("@/lib/agents/agents-overview");
    const agentOf = (code: string) => t.db.agent.findFirstOrThrow({ where: { organizationId: a.orgId, workflowCode: code } });
    const m105 = await agentOf("MKT-105");
    const m108 = await agentOf("MKT-108");
    const ex = (agentId: string, status: "SUCCESS" | "ERROR" | "SKIPPED", hoursAgo: number, durationMs: number, credits = 0) => ({
      organizationId: a.orgId, agentId, status, startedAt: ago(hoursAgo), finishedAt: ago(hoursAgo), durationMs, credits, trigger: "test",
    });
    await t.db.agentExecution.createMany({
      data: [ex(m105.id, "SUCCESS", 1, 1000), ex(m105.id, "ERROR", 2, 3000), ex(m108.id, "SUCCESS", 0.5, 2000, 40), ex(m108.id, "SUCCESS", 30, 500), ex(m108.id, "SUCCESS", 50, 700), ex(m108.id, "SKIPPED", 3, 0)],
    });
    await t.db.agent.update({ where: { id: m105.id }, data: { status: "INACTIVE" } });
    // Ledger: 40 + 60 credits for MKT-108 now, 25 for MKT-105 now, 7 without an agent.
    await t.db.aiUsageEntry.createMany({
      data: [
        { organizationId: a.orgId, agentId: m108.id, provider: "offline", credits: 40, occurredAt: now },
        { organizationId: a.orgId, agentId: m108.id, provider: "offline", credits: 60, occurredAt: now },
        { organizationId: a.orgId, agentId: m105.id, provider: "offline", credits: 25, occurredAt: now },
        { organizationId: a.orgId, agentId: null, provider: "offline", credits: 7, occurredAt: now },
      ],
    });

    const mine = await getAgentsAnalytics({ organizationId: a.orgId, locale: "en", now });
    expect(mine.overview).toMatchObject({
      agents: 28,
      active: 27,
      executionsToday: 3, // the skipped run is not a run; 30 h and 50 h ago are not today
      avgResponseMs: 2000, // (1000 + 3000 + 2000) / 3
      errorRate: 1 / 3,
    });
    expect(mine.overview.top.map((x) => [x.id, x.executions, x.successRate])).toEqual([
      [m108.id, 3, 1],
      [m105.id, 2, 0.5],
    ]);
    const health = new Map(mine.health.map((h) => [h.id, h]));
    expect(health.get(m105.id)).toMatchObject({ health: "off", errorRate7d: 0.5, executions7d: 2 });
    expect(health.get(m108.id)).toMatchObject({ health: "ok", errorRate7d: 0, executions7d: 3 });
    expect(mine.costPerAgent.map((x) => [x.id, x.credits])).toEqual([
      [m108.id, 100],
      [m105.id, 25],
    ]);
    expect(mine.costPerDay.at(-1)).toEqual({ day: now.toISOString().slice(0, 10), credits: 132 });
    expect(mine.costPerDay.reduce((s, d) => s + d.credits, 0)).toBe(132);
    expect(mine.budget.usedCredits).toBe(132);
    expect(mine.budget.remainingCredits).toBe(mine.budget.budgetCredits - 132);

    // Another organisation: its own agents, none of these runs or costs.
    const theirs = await getAgentsAnalytics({ organizationId: b.orgId, locale: "en", now });
    expect(theirs.overview).toMatchObject({ agents: 28, active: 28, executionsToday: 0, avgResponseMs: null, errorRate: null, top: [] });
    expect(theirs.costPerAgent).toEqual([]);
    expect(theirs.costPerDay.reduce((s, d) => s + d.credits, 0)).toBe(0);
  });

  it("the switch and a finished run are live events of the organisation", async () => {
    const { setAgentStatus } = await import("@/lib/agents/set-agent-status");
    const { finishAgentRun } = await import("@/lib/agents/record-execution");
    const agent = await t.db.agent.findFirstOrThrow({ where: { organizationId: b.orgId, workflowCode: "MKT-109" } });
    await setAgentStatus({ organizationId: b.orgId, agentId: agent.id, status: "INACTIVE" });
    const exec = await t.db.agentExecution.create({ data: { organizationId: b.orgId, agentId: agent.id, status: "RUNNING", startedAt: ago(0.01), trigger: "test" } });
    await finishAgentRun({ executionIds: [exec.id], status: "ERROR", errorMessage: "boom" });
    const events = await t.db.liveEvent.findMany({ where: { organizationId: b.orgId, type: { startsWith: "agent." } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ["agent.updated", { agentId: agent.id, status: "INACTIVE" }],
      ["agent.executed", { agentId: agent.id, executionId: exec.id, status: "ERROR" }],
    ]);
    expect(await t.db.liveEvent.count({ where: { organizationId: a.orgId, type: { startsWith: "agent." } } })).toBe(0);
  });
});
