import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * The Agents use cases and route handlers, against PostgreSQL (session-only routes are called through
 * their use case; the e2e specs call them signed in): a configuration that violates the template's
 * JSON Schema is refused with a 422 naming the field and nothing saved; valid ones become
 * versions and a rollback makes an old one current again; the status switch; another organisation's
 * agent is a 404; executions page and filter by status; logs search.
 */
let t: TestDatabase;
type Tenant = { slug: string; orgId: string; write: string; read: string };
let a: Tenant;
let b: Tenant;

async function tenant(label: string): Promise<Tenant> {
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createOrganization } = await import("@/lib/orgs/create-organization");
  const { createApiKey } = await import("@/lib/orgs/api-keys");
  const owner = await signUp({ name: `Owner ${label}`, email: `agents-api-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `Agents API ${label}` } });
  return { slug: org.slug, orgId: org.id, write: (await createApiKey({ organizationId: org.id, name: "w", scopes: ["write"] })).key, read: (await createApiKey({ organizationId: org.id, name: "r", scopes: ["read"] })).key };
}

type Json = { error?: { code: string; field?: string; message: string; issues?: { field: string }[] } } & Record<string, unknown>;
async function call(mod: Record<string, unknown>, method: string, key: string, url: string, params: Record<string, string>, body?: unknown): Promise<{ status: number; json: Json }> {
  const handler = mod[method] as (req: Request, ctx: unknown) => Promise<Response>;
  const res = await handler(
    new Request(`http://localhost:3000${url}`, { method, headers: { "x-api-key": key, "content-type": "application/json", "accept-language": "en" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, json: (await res.json()) as Json };
}

beforeAll(async () => {
  t = await createTestDatabase();
  a = await tenant("a");
  b = await tenant("b");
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

describe("agent configuration from the template's schema", () => {
  it("refuses a configuration that violates the schema with the field named; saves versions; rolls back", async () => {
    const { updateAgentConfig, rollbackAgentConfig } = await import("@/lib/agents/agent-config");
    const { AppError } = await import("@/lib/errors");
    const route = await import("@/app/api/orgs/[org]/agents/[id]/config/route");
    const agent = await t.db.agent.findFirstOrThrow({ where: { organizationId: a.orgId, workflowCode: "MKT-206" } });
    const save = (config: Record<string, unknown>, organizationId = a.orgId) => updateAgentConfig({ organizationId, agentId: agent.id, config });
    const refusal = async (config: Record<string, unknown>) => {
      const err = await save(config).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      const e = err as InstanceType<typeof AppError>;
      expect(e.code).toBe("validation"); // 422 (lib/http.ts)
      return e;
    };

    // Out of range, wrong type, unknown property: refused naming the field, in words; nothing saved.
    const tooHigh = await refusal({ ...(agent.config as object), scalePercent: 500 });
    expect(tooHigh.field).toBe("config.scalePercent");
    expect(tooHigh.message).toBe("config.scalePercent: At most 100");
    expect(tooHigh.messageIn("fr")).toBe("config.scalePercent : Au plus 100");
    expect((await refusal({ roasPauseDays: "three" })).field).toBe("config.roasPauseDays");
    expect((await refusal({ shadowBudget: 1 })).field).toBe("config.shadowBudget");
    expect(await t.db.agentConfigVersion.count({ where: { agentId: agent.id } })).toBe(1);
    expect((await t.db.agent.findUniqueOrThrow({ where: { id: agent.id } })).config).toEqual(agent.config);

    // Through the route: an API key may not change it (a person in the app decides); a bad body is never read first.
    const byKey = await call(route, "PUT", a.write, `/api/orgs/${a.slug}/agents/${agent.id}/config`, { org: a.slug, id: agent.id }, { config: { scalePercent: 40 } });
    expect(byKey.status).toBe(403);
    // Another organisation's agent is a 404.
    expect(await save({ scalePercent: 40 }, b.orgId).then(() => 200, (e: { code: string }) => e.code)).toBe("not_found");

    // Valid: version 2, then 3; rollback to 1 saves version 4 equal to version 1.
    expect(await save({ ...(agent.config as object), scalePercent: 40 })).toMatchObject({ version: 2, config: { scalePercent: 40 } });
    expect((await save({ ...(agent.config as object), autoApply: true })).version).toBe(3);
    expect(await rollbackAgentConfig({ organizationId: a.orgId, agentId: agent.id, version: 1 })).toEqual({ version: 4, config: agent.config });
    const now = await t.db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(now.config).toEqual(agent.config);
    expect(now.configVersion).toBe(4);
    const versions = await t.db.agentConfigVersion.findMany({ where: { agentId: agent.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.reason])).toEqual([[1, "install"], [2, "edit"], [3, "edit"], [4, "rollback:1"]]);
    expect(await rollbackAgentConfig({ organizationId: a.orgId, agentId: agent.id, version: 99 }).then(() => 200, (e: { code: string }) => e.code)).toBe("not_found");
  });
});

describe("status, executions and logs", () => {
  it("switches an agent off and on; pages executions by status; searches the logs", async () => {
    const status = await import("@/app/api/orgs/[org]/agents/[id]/status/route");
    const { setAgentStatus } = await import("@/lib/agents/set-agent-status");
    const executions = await import("@/app/api/orgs/[org]/agents/[id]/executions/route");
    const logs = await import("@/app/api/orgs/[org]/agents/[id]/logs/route");
    const agent = await t.db.agent.findFirstOrThrow({ where: { organizationId: a.orgId, workflowCode: "MKT-108" } });
    const params = { org: a.slug, id: agent.id };
    const base = `/api/orgs/${a.slug}/agents/${agent.id}`;

    // An API key may not switch agents; a person does (the route is exercised as each role by tests/e2e/security.spec.ts).
    expect((await call(status, "PATCH", a.write, `${base}/status`, params, { status: "INACTIVE" })).status).toBe(403);
    expect(await setAgentStatus({ organizationId: a.orgId, agentId: agent.id, status: "INACTIVE" })).toEqual({ id: agent.id, status: "INACTIVE" });
    expect((await t.db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("INACTIVE");
    expect(await setAgentStatus({ organizationId: b.orgId, agentId: agent.id, status: "ACTIVE" }).then(() => 200, (e: { code: string }) => e.code)).toBe("not_found");
    // Reading another organisation's agent is a 404.
    expect((await call(executions, "GET", b.read, `/api/orgs/${b.slug}/agents/${agent.id}/executions`, { org: b.slug, id: agent.id })).status).toBe(404);
    const badFilter = await call(executions, "GET", a.read, `${base}/executions?status=BROKEN`, params);
    expect(badFilter.status).toBe(422);
    expect(badFilter.json.error?.field).toBe("query.status");

    const started = new Date("2026-12-01T10:00:00Z");
    await t.db.agentExecution.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        organizationId: a.orgId,
        agentId: agent.id,
        runId: `run-${i}`,
        status: i % 5 === 0 ? ("ERROR" as const) : ("SUCCESS" as const),
        errorMessage: i % 5 === 0 ? `Instagram: rate limited (${i})` : null,
        startedAt: new Date(started.getTime() + i * 60_000),
        durationMs: 1000 + i,
      })),
    });
    const page1 = await call(executions, "GET", a.read, `${base}/executions`, params);
    expect(page1.json).toMatchObject({ total: 25, pages: 2, page: 1 });
    expect((page1.json.executions as { runId: string }[])[0]!.runId).toBe("run-24");
    const page2 = await call(executions, "GET", a.read, `${base}/executions?page=2`, params);
    expect((page2.json.executions as unknown[]).length).toBe(5);
    const failed = await call(executions, "GET", a.read, `${base}/executions?status=ERROR`, params);
    expect(failed.json.total).toBe(5);
    expect((failed.json.executions as { errorMessage: string }[]).every((e) => /rate limited/.test(e.errorMessage))).toBe(true);

    const found = await call(logs, "GET", a.read, `${base}/logs?q=inactive`, params);
    expect((found.json.logs as { message: string }[]).map((l) => l.message)).toEqual(["status ACTIVE -> INACTIVE"]);
    const none = await call(logs, "GET", a.read, `${base}/logs?level=ERROR`, params);
    expect(none.json.total).toBe(0);
  });
});
