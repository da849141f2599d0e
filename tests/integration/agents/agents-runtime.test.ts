import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/tests/helpers/db";
import { seedPiece } from "@/tests/integration/approvals/support";
import { resetClock, setClockTo } from "@/lib/runtime/clock";
import { ended, until } from "@/tests/integration/runtime/harness";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * Agents per organisation and the agents middleware (inngest/middleware/agents.ts) on the app's real
 * client and functions, against PostgreSQL: a new organisation has every agent; an inactive agent's
 * next scheduled run and next event are recorded as skipped and do nothing (no AI call, no write) while
 * another organisation's agent runs; a failed step is recorded with its error.
 */
let app: AppExecutor;
let t: TestDatabase;
let createOrganization: typeof import("@/lib/orgs/create-organization").createOrganization;
let signUp: typeof import("@/lib/auth/sign-up").signUp;

beforeAll(async () => {
  app = await startAppExecutor({
    dataDirPrefix: "me-agents-",
    functions: async () => [
      (await import("@/inngest/functions/content-flywheel/mkt-102-research")).mkt102Research,
      (await import("@/inngest/functions/content-flywheel/mkt-105-approval-reminders")).mkt105ApprovalReminders,
    ],
  });
  t = app.t;
  ({ createOrganization } = await import("@/lib/orgs/create-organization"));
  ({ signUp } = await import("@/lib/auth/sign-up"));
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

let n = 0;
async function newOrg(label: string) {
  const user = await signUp({ name: `Owner ${label}`, email: `agents-${label}-${++n}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: `Agents ${label} ${n}` } });
  const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: org.id } });
  return { orgId: org.id, brandId: brand.id, userId: user.id };
}
const agentOf = (orgId: string, code: string) => t.db.agent.findFirstOrThrow({ where: { organizationId: orgId, workflowCode: code } });
const deactivate = (orgId: string, code: string) => t.db.agent.updateMany({ where: { organizationId: orgId, workflowCode: code }, data: { status: "INACTIVE" } });

describe("agents per organisation", () => {
  it("a new organisation has all its agents: the 26 workflows, inbox triage and the assistant, active, configuration version 1", async () => {
    const { AGENT_TEMPLATES, defaultConfigOf } = await import("@/lib/agents/catalogue");
    const o = await newOrg("new");
    const agents = await t.db.agent.findMany({ where: { organizationId: o.orgId }, include: { configVersions: true, template: true } });
    expect(AGENT_TEMPLATES).toHaveLength(28);
    expect(agents.map((a) => a.workflowCode).sort()).toEqual(AGENT_TEMPLATES.map((e) => e.code).sort());
    expect(agents.filter((a) => /^MKT-\d{3}$/.test(a.workflowCode ?? ""))).toHaveLength(26);
    expect(agents.map((a) => a.key)).toEqual(expect.arrayContaining(["inbox-triage", "assistant"]));
    for (const a of agents) {
      const e = AGENT_TEMPLATES.find((x) => x.slug === a.key)!;
      expect(a.status).toBe("ACTIVE");
      expect(a.kind).toBe(e.kind);
      expect(a.version).toBe("1.0.0");
      expect(a.config).toEqual(defaultConfigOf(e));
      expect(a.template?.slug).toBe(e.slug);
      expect(a.configVersions.map((v) => [v.version, v.config])).toEqual([[1, defaultConfigOf(e)]]);
    }
    // A second organisation shares the templates and has its own agents.
    const o2 = await newOrg("second");
    expect(await t.db.agent.count({ where: { organizationId: o2.orgId } })).toBe(28);
    expect(await t.db.agentTemplate.count()).toBe(28);
  });
});

describe("agents middleware: an inactive agent does nothing", () => {
  it("scheduled run (MKT-105): skipped for the organisation whose agent is off, reminders sent in the other", async () => {
    const { requestApproval } = await import("@/lib/approvals/request-approval");
    const off = await newOrg("cron-off");
    const on = await newOrg("cron-on");
    const pendingFor = async (o: { orgId: string; brandId: string }) => {
      const piece = await seedPiece(t.db, o);
      const r = await requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
      await t.db.approvalRequest.update({ where: { id: r.approvalRequestId }, data: { createdAt: new Date(Date.now() - 30 * 3600_000), nextReminderAt: null } });
      return r.approvalRequestId;
    };
    const offRequest = await pendingFor(off);
    const onRequest = await pendingFor(on);
    await deactivate(off.orgId, "MKT-105");

    // Its next cron tick on the embedded executor.
    const fnId = "marketing-engine-mkt-105-approval-reminders";
    const schedule = await t.db.runtimeSchedule.findFirstOrThrow({ where: { functionId: fnId } });
    setClockTo(new Date(schedule.nextAt.getTime() + 500));
    try {
      const [run] = await ended(t.db, fnId);
      expect(run!.status).toBe("COMPLETED");
      expect(run!.output).toMatchObject({ reminded: [expect.objectContaining({ approvalRequestId: onRequest })] });
    } finally {
      resetClock();
    }

    // Nothing written for the inactive organisation; one reminder for the other.
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: offRequest } })).reminderCount).toBe(0);
    expect(await t.db.approvalReminder.count({ where: { requestId: offRequest } })).toBe(0);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: onRequest } })).reminderCount).toBe(1);

    const offAgent = await agentOf(off.orgId, "MKT-105");
    const onAgent = await agentOf(on.orgId, "MKT-105");
    const [offExec] = await t.db.agentExecution.findMany({ where: { agentId: offAgent.id } });
    expect(offExec).toMatchObject({ status: "SKIPPED", skipReason: "inactive", trigger: "cron TZ=UTC 5 * * * *", durationMs: 0 });
    expect(await t.db.agentLog.findFirst({ where: { executionId: offExec!.id } })).toMatchObject({ message: "skipped (inactive)" });
    const [onExec] = await t.db.agentExecution.findMany({ where: { agentId: onAgent.id } });
    expect(onExec).toMatchObject({ status: "SUCCESS", trigger: "cron TZ=UTC 5 * * * *", runId: offExec!.runId });
    expect(onExec!.stepCount).toBe(1);
    expect(onExec!.durationMs).toBeGreaterThanOrEqual(0);
    expect((await t.db.agent.findUniqueOrThrow({ where: { id: onAgent.id } })).executionCount).toBe(1);
    expect((await t.db.agent.findUniqueOrThrow({ where: { id: offAgent.id } })).executionCount).toBe(0);
  });

  it("event run (MKT-102): skipped with no AI call and no write; active, it runs with its tokens and cost from the AI ledger; a failed step is recorded with its error", { timeout: 120_000 }, async () => {
    const fnId = "marketing-engine-mkt-102-research";
    const runsOf = (orgId: string) => t.db.runtimeRun.count({ where: { functionId: fnId, organizationId: orgId, status: { in: ["COMPLETED", "FAILED"] } } });
    const o = await newOrg("event");
    const input = await t.db.contentInput.create({
      data: { organizationId: o.orgId, brandId: o.brandId, type: "TEXT", status: "PROCESSED", rawContent: "Nos artisanes de Ségou teignent chaque pièce à la main en huit semaines.", aiSummary: "Teinture à la main à Ségou, huit semaines par pièce." },
    });
    const before = await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } });
    await deactivate(o.orgId, "MKT-102");
    const agent = await agentOf(o.orgId, "MKT-102");
    const event = { name: "content/input.processed", data: { organizationId: o.orgId, inputId: input.id, brandId: o.brandId } };

    // Inactive: the run ends at once, recorded as skipped; no AI call, nothing written, no event sent.
    await app.inngest.send(event as never);
    await until("the skipped run", async () => (await runsOf(o.orgId)) === 1 || undefined, 60_000);
    const rows = await t.db.agentExecution.findMany({ where: { agentId: agent.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "SKIPPED", skipReason: "inactive", trigger: "content/input.processed", entityType: "content_input", entityId: input.id, stepCount: 0 });
    expect(await t.db.aiUsageEntry.count({ where: { organizationId: o.orgId } })).toBe(0);
    const after = await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.research).toBeNull();
    expect(await t.db.runtimeEvent.count({ where: { name: "content/research.completed", data: { path: ["inputId"], equals: input.id } } })).toBe(0);

    // Active again: the same event runs; the execution carries the ledger's tokens and cost.
    await t.db.agent.update({ where: { id: agent.id }, data: { status: "ACTIVE" } });
    await app.inngest.send({ ...event, id: `again-${input.id}` } as never);
    const ok = await until("the successful execution", () => t.db.agentExecution.findFirst({ where: { agentId: agent.id, status: "SUCCESS" } }).then((e) => e ?? undefined), 60_000);
    const ledger = await t.db.aiUsageEntry.findMany({ where: { organizationId: o.orgId, kind: "USAGE" } });
    expect(ledger.length).toBeGreaterThan(0);
    expect(ledger.every((l) => l.executionId === ok.id && l.agentId === agent.id)).toBe(true);
    expect(ok.tokensUsed).toBe(ledger.reduce((n, l) => n + l.inputTokens + l.outputTokens, 0));
    expect(ok.tokensUsed).toBeGreaterThan(0);
    expect(ok.credits).toBe(ledger.reduce((n, l) => n + l.credits, 0));
    expect(ok.stepCount).toBe(2);
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    expect((await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } })).research).not.toBeNull();

    // A failed step (the input does not exist: a permanent error) is recorded with its error and step.
    await app.inngest.send({ ...event, data: { ...event.data, inputId: "missing-input" } } as never);
    await until("the failed execution", () => t.db.agentExecution.findFirst({ where: { agentId: agent.id, status: "ERROR" } }).then((e) => e ?? undefined), 60_000);
    const errored = await t.db.agentExecution.findFirstOrThrow({ where: { agentId: agent.id, status: "ERROR" }, include: { logs: true } });
    expect(errored.failedStep).toBe("research");
    expect(errored.errorMessage).toMatch(/not found/i);
    expect(errored.entityId).toBe("missing-input");
    expect(errored.finishedAt).not.toBeNull();
    expect(errored.logs.some((l) => l.level === "ERROR" && l.message.startsWith("research:"))).toBe(true);
    const counted = await t.db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(counted).toMatchObject({ executionCount: 2, errorCount: 1 });
  });
});

describe("scheduled workflows across organisations leave out those whose agent is off", () => {
  it("MKT-101 pick-up, MKT-201/206 daily claims and the MKT-402 claim list only organisations whose agent is not inactive", async () => {
    const { listPendingInputs } = await import("@/lib/content/ingest/list-pending-inputs");
    const { claimDailyRuns } = await import("@/lib/ads/daily-runs");
    const { claimDailyAnalytics } = await import("@/lib/analytics/daily/claim-daily-analytics");
    const on = await newOrg("sched-on");
    const off = await newOrg("sched-off");
    const ids = [on.orgId, off.orgId];
    await t.db.organization.updateMany({ where: { id: { in: ids } }, data: { timezone: "Europe/Paris" } });
    for (const code of ["MKT-101", "MKT-201", "MKT-206", "MKT-402"]) await deactivate(off.orgId, code);
    for (const o of [on, off]) await t.db.contentInput.create({ data: { organizationId: o.orgId, brandId: o.brandId, type: "TEXT", rawContent: "Une idée en attente" } });

    const pending = new Set((await listPendingInputs({ take: 1000 })).map((p) => p.organizationId));
    expect(pending.has(on.orgId)).toBe(true);
    expect(pending.has(off.orgId)).toBe(false);

    // 12:00 UTC is past 06:00 (MKT-201) and 10:00 (MKT-206) in Paris.
    const noon = new Date(Date.UTC(2026, 11, 5, 12, 0));
    for (const job of ["mkt-201", "mkt-206"] as const) {
      const claimed = (await claimDailyRuns({ job, hour: job === "mkt-201" ? 6 : 10, runKey: `tick-${job}:claim-organizations`, now: noon, organizationIds: ids })).map((c) => c.organizationId);
      expect(claimed, job).toEqual([on.orgId]);
    }
    // 23:30 UTC is 00:30 in Paris: the day's 23:59 has come for both; only the active one is claimed.
    const lateEvening = new Date(Date.UTC(2026, 11, 5, 23, 30));
    expect((await claimDailyAnalytics({ runKey: "tick-402:claim-organizations", now: lateEvening, organizationIds: ids })).map((c) => c.organizationId)).toEqual([on.orgId]);
  });
});
