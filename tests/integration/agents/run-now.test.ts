import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/tests/helpers/db";
import { until } from "@/tests/integration/runtime/harness";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * "Run now" on a scheduled agent, with the app's real functions on the embedded executor and
 * PostgreSQL: the request sends agents/run.requested, the agent's cron function runs at once through
 * that event and the agents middleware records the execution for the requesting organisation only;
 * an agent without a schedule is a 422, an inactive one a 409 (nothing sent), another organisation's
 * agent a 404, an API key a 403 (a person decides); each request is in the agent's log with who
 * asked. And every scheduled agent function carries its "Run now" trigger (the table in run-now.ts).
 */
let app: AppExecutor;
let t: TestDatabase;
let requestAgentRun: typeof import("@/lib/agents/request-run").requestAgentRun;

beforeAll(async () => {
  app = await startAppExecutor({
    dataDirPrefix: "me-agents-run-now-",
    functions: async () => [(await import("@/inngest/functions/content-flywheel/mkt-105-approval-reminders")).mkt105ApprovalReminders],
  });
  t = app.t;
  // Imported after the executor: the Inngest client reads APP_URL when it is loaded.
  ({ requestAgentRun } = await import("@/lib/agents/request-run"));
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

let n = 0;
async function newOrg(label: string) {
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createOrganization } = await import("@/lib/orgs/create-organization");
  const user = await signUp({ name: `Owner ${label}`, email: `run-now-${label}-${++n}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: `Run now ${label} ${n}` } });
  return { orgId: org.id, slug: org.slug, userId: user.id };
}
const agentOf = (orgId: string, code: string) => t.db.agent.findFirstOrThrow({ where: { organizationId: orgId, workflowCode: code } });
const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string; key?: string }) => `${e.code}:${e.key ?? ""}`);

describe('"Run now" on a scheduled agent', () => {
  it("runs the agent's cron function through its event, recorded for this organisation; refuses what it cannot run", { timeout: 120_000 }, async () => {
    const a = await newOrg("a");
    const b = await newOrg("b");
    const agent = await agentOf(a.orgId, "MKT-105");
    const fnId = "marketing-engine-mkt-105-approval-reminders";

    const { requestId, eventName } = await requestAgentRun({ organizationId: a.orgId, agentId: agent.id, requestedById: a.userId });
    expect(eventName).toBe("agents/run.requested");
    const run = await until(
      "the run-now run",
      async () => (await t.db.runtimeRun.findFirst({ where: { functionId: fnId, status: { in: ["COMPLETED", "FAILED"] }, event: { path: ["data", "requestId"], equals: requestId } } })) ?? undefined,
      60_000,
    );
    expect(run.status).toBe("COMPLETED");
    const execs = await t.db.agentExecution.findMany({ where: { runId: run.id } });
    expect(execs).toHaveLength(1);
    expect(execs[0]).toMatchObject({ agentId: agent.id, organizationId: a.orgId, status: "SUCCESS", trigger: "agents/run.requested" });
    expect(await t.db.agentExecution.count({ where: { organizationId: b.orgId } })).toBe(0);
    expect(await t.db.agentLog.findFirst({ where: { agentId: agent.id, message: "run now requested" } })).toMatchObject({ metadata: { by: a.userId, requestId } });

    // Not scheduled (MKT-102 runs on its events): 422; inactive: 409; another organisation's: 404. Nothing sent.
    const events = () => t.db.runtimeEvent.count({ where: { name: "agents/run.requested" } });
    const sent = await events();
    const research = await agentOf(a.orgId, "MKT-102");
    expect(await codeOf(requestAgentRun({ organizationId: a.orgId, agentId: research.id }))).toBe("validation:agents.notScheduled");
    await t.db.agent.update({ where: { id: agent.id }, data: { status: "INACTIVE" } });
    expect(await codeOf(requestAgentRun({ organizationId: a.orgId, agentId: agent.id }))).toBe("conflict:agents.notActive");
    expect(await codeOf(requestAgentRun({ organizationId: b.orgId, agentId: agent.id }))).toBe("not_found:notFound");
    expect(await events()).toBe(sent);

    // Through the route with an API key: 403 (a person in the app decides), nothing sent.
    const { createApiKey } = await import("@/lib/orgs/api-keys");
    const key = (await createApiKey({ organizationId: b.orgId, name: "w", scopes: ["write"] })).key;
    const route = await import("@/app/api/orgs/[org]/agents/[id]/run/route");
    const bAgent = await agentOf(b.orgId, "MKT-105");
    const res = await route.POST(
      new Request(`http://localhost/api/orgs/${b.slug}/agents/${bAgent.id}/run`, { method: "POST", headers: { "x-api-key": key, "content-type": "application/json" }, body: "{}" }),
      { params: Promise.resolve({ org: b.slug, id: bAgent.id }) } as never,
    );
    expect(res.status).toBe(403);
    expect(await events()).toBe(sent);
  });

  it("every scheduled agent function has its Run now trigger, and only those", async () => {
    const { RUN_NOW_FUNCTIONS } = await import("@/lib/agents/run-now");
    const { functions } = await import("@/inngest/index");
    const expected = Object.entries(RUN_NOW_FUNCTIONS).flatMap(([code, ids]) => ids.map((id) => `${id} ${code}`)).sort();
    const actual: string[] = [];
    for (const f of functions as unknown as { opts: { id: string; triggers?: { cron?: string; event?: unknown; if?: string }[] } }[]) {
      const triggers = f.opts.triggers ?? [];
      const runNow = triggers.find((x) => x.if?.startsWith("event.data.workflowCode == "));
      if (triggers.some((x) => x.cron) && /^mkt-/.test(f.opts.id)) expect(runNow, f.opts.id).toBeDefined();
      if (runNow) actual.push(`${f.opts.id} ${/'([^']+)'/.exec(runNow.if!)![1]}`);
    }
    expect(actual.sort()).toEqual(expected);
  });
});
