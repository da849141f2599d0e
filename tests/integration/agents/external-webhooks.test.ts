import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * External agents' receivers (POST /api/webhooks/agent-execution and /agent-error) through their route
 * handlers against PostgreSQL: the Standard Webhooks signature vector passes the library our receiver
 * uses; a signed report is stored as one execution; tampered, stale (> 5 min), unsigned, another
 * organisation's secret -> 401 with nothing stored; a replay -> still one execution.
 */
let t: TestDatabase;
let orgA: { id: string; slug: string };
let orgB: { id: string; slug: string };
let W: typeof import("@/lib/agents/external-webhook");
let execRoute: typeof import("@/app/api/webhooks/agent-execution/route");
let errorRoute: typeof import("@/app/api/webhooks/agent-error/route");

beforeAll(async () => {
  t = await createTestDatabase();
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createOrganization } = await import("@/lib/orgs/create-organization");
  const u = await signUp({ name: "Ext", email: "ext-agents@example.test", password: "long enough password" });
  orgA = await createOrganization({ userId: u.id, input: { name: "Externe A" } });
  orgB = await createOrganization({ userId: u.id, input: { name: "Externe B" } });
  W = await import("@/lib/agents/external-webhook");
  execRoute = await import("@/app/api/webhooks/agent-execution/route");
  errorRoute = await import("@/app/api/webhooks/agent-error/route");
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

async function post(
  route: { POST: (req: Request, ctx: never) => Promise<Response> },
  path: string,
  slug: string,
  rawBody: string,
  headers: Record<string, string>,
) {
  const res = await route.POST(new Request(`http://localhost/api/webhooks/${path}?org=${slug}`, { method: "POST", headers, body: rawBody }), {
    params: Promise.resolve({}),
  } as never);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { field?: string } } };
}

describe("external agent webhooks (Standard Webhooks)", () => {
  it("the specification's signature vector verifies with the library the receiver uses", () => {
    // standard-webhooks/standard-webhooks spec test vector (libraries' shared tests).
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const ts = 1614265330;
    const payload = '{"test": 2432232314}';
    const wh = new Webhook(secret);
    expect(wh.sign(id, new Date(ts * 1000), payload)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    // Our derived secrets are valid Standard Webhooks secrets, one per organisation.
    expect(W.agentWebhookSecret(orgA.id)).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(W.agentWebhookSecret(orgA.id)).not.toBe(W.agentWebhookSecret(orgB.id));
  });

  it("stores a signed execution once; replays change nothing; tampered, stale, unsigned and other-organisation deliveries are 401", async () => {
    const agent = await t.db.agent.findFirstOrThrow({ where: { organizationId: orgA.id, workflowCode: "MKT-303" } });
    const body = JSON.stringify({
      agent: "MKT-303",
      executionId: "n8n-exec-42",
      status: "ERROR",
      durationMs: 5200,
      tokensUsed: 900,
      credits: 12,
      error: "SMTP 421: try again later",
      trigger: "n8n",
    });
    const headers = W.signAgentWebhook({ organizationId: orgA.id, id: "msg_1", rawBody: body });

    const first = await post(execRoute, "agent-execution", orgA.slug, body, headers);
    expect(first).toMatchObject({ status: 200, json: { duplicate: false } });
    const replay = await post(execRoute, "agent-execution", orgA.slug, body, headers);
    expect(replay).toMatchObject({ status: 200, json: { duplicate: true, executionId: first.json.executionId } });
    // The same execution delivered again under another webhook id is still one execution.
    expect(
      (await post(execRoute, "agent-execution", orgA.slug, body, W.signAgentWebhook({ organizationId: orgA.id, id: "msg_2", rawBody: body }))).json.duplicate,
    ).toBe(true);
    const rows = await t.db.agentExecution.findMany({ where: { agentId: agent.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "external",
      status: "ERROR",
      errorMessage: "SMTP 421: try again later",
      durationMs: 5200,
      tokensUsed: 900,
      credits: 12,
      runId: "ext:n8n-exec-42",
    });
    expect((await t.db.agent.findUniqueOrThrow({ where: { id: agent.id } })).errorCount).toBe(1);

    const other = JSON.stringify({ agent: "MKT-303", executionId: "n8n-exec-43", status: "SUCCESS" });
    const tampered = await post(
      execRoute,
      "agent-execution",
      orgA.slug,
      other.replace("SUCCESS", "ERROR"),
      W.signAgentWebhook({ organizationId: orgA.id, id: "msg_3", rawBody: other }),
    );
    expect(tampered.status).toBe(401);
    expect(tampered.json.error?.field).toBe("webhook-signature");
    const stale = await post(
      execRoute,
      "agent-execution",
      orgA.slug,
      other,
      W.signAgentWebhook({ organizationId: orgA.id, id: "msg_4", rawBody: other, at: new Date(Date.now() - 6 * 60_000) }),
    );
    expect(stale.status).toBe(401);
    const future = await post(
      execRoute,
      "agent-execution",
      orgA.slug,
      other,
      W.signAgentWebhook({ organizationId: orgA.id, id: "msg_5", rawBody: other, at: new Date(Date.now() + 6 * 60_000) }),
    );
    expect(future.status).toBe(401);
    expect((await post(execRoute, "agent-execution", orgA.slug, other, { "content-type": "application/json" })).status).toBe(401);
    // Signed with organisation B's secret, sent to A (and an unknown slug): 401.
    expect(
      (await post(execRoute, "agent-execution", orgA.slug, other, W.signAgentWebhook({ organizationId: orgB.id, id: "msg_6", rawBody: other }))).status,
    ).toBe(401);
    expect(
      (await post(execRoute, "agent-execution", "no-such-org", other, W.signAgentWebhook({ organizationId: orgA.id, id: "msg_7", rawBody: other }))).status,
    ).toBe(401);
    expect(await t.db.agentExecution.count({ where: { organizationId: { in: [orgA.id, orgB.id] } } })).toBe(1);

    // Within 5 minutes is accepted; an unknown agent is a 422 naming the field.
    const late = await post(
      execRoute,
      "agent-execution",
      orgA.slug,
      other,
      W.signAgentWebhook({ organizationId: orgA.id, id: "msg_8", rawBody: other, at: new Date(Date.now() - 4 * 60_000) }),
    );
    expect(late.status).toBe(200);
    const nobody = JSON.stringify({ agent: "MKT-999", status: "SUCCESS" });
    const unknown = await post(execRoute, "agent-execution", orgA.slug, nobody, W.signAgentWebhook({ organizationId: orgA.id, id: "msg_9", rawBody: nobody }));
    expect(unknown.status).toBe(422);
    expect(unknown.json.error?.field).toBe("agent");
  });

  it("an error report is logged once and marks its execution failed", async () => {
    const agent = await t.db.agent.findFirstOrThrow({ where: { organizationId: orgA.id, workflowCode: "MKT-303" } });
    const body = JSON.stringify({ agent: "mkt-303-nurture-follow-up", executionId: "n8n-exec-43", message: "Node 'Send email' failed", severity: "critical" });
    const headers = W.signAgentWebhook({ organizationId: orgA.id, id: "err_1", rawBody: body });
    expect(await post(errorRoute, "agent-error", orgA.slug, body, headers)).toMatchObject({ status: 200, json: { logged: true, duplicate: false } });
    expect(await post(errorRoute, "agent-error", orgA.slug, body, headers)).toMatchObject({ status: 200, json: { logged: false, duplicate: true } });
    const ex = await t.db.agentExecution.findUniqueOrThrow({ where: { agentId_runId: { agentId: agent.id, runId: "ext:n8n-exec-43" } } });
    expect(ex).toMatchObject({ status: "ERROR", errorMessage: "Node 'Send email' failed" });
    expect(await t.db.agentLog.count({ where: { agentId: agent.id, message: { contains: "Send email" } } })).toBe(1);
    const tampered = await post(
      errorRoute,
      "agent-error",
      orgA.slug,
      body.replace("critical", "info"),
      W.signAgentWebhook({ organizationId: orgA.id, id: "err_2", rawBody: body }),
    );
    expect(tampered.status).toBe(401);
  });

  it("an admin reads both URLs and the secret, renews it: the old secret is refused at once, the new one accepted; a viewer or another organisation cannot read it", async () => {
    const { createApiKey } = await import("@/lib/orgs/api-keys");
    const settingsRoute = await import("@/app/api/orgs/[org]/agents/external/route");
    const { getExternalAgentsSettings, rotateExternalAgentsSecret } = await import("@/lib/agents/external-settings");
    const before = await getExternalAgentsSettings({ organizationId: orgA.id, slug: orgA.slug });
    expect(before.executionUrl).toMatch(new RegExp(`/api/webhooks/agent-execution\\?org=${orgA.slug}$`));
    expect(before.errorUrl).toMatch(new RegExp(`/api/webhooks/agent-error\\?org=${orgA.slug}$`));
    expect(before).toMatchObject({ secret: W.agentWebhookSecret(orgA.id), rotatedAt: null });
    const body = (id: string) => JSON.stringify({ agent: "MKT-303", executionId: id, status: "SUCCESS" });
    const send = (id: string, secret: string) => post(execRoute, "agent-execution", orgA.slug, body(id), W.signAgentWebhook({ organizationId: orgA.id, id, rawBody: body(id), secret }));
    expect((await send("rot-1", before.secret)).status).toBe(200);

    const after = await rotateExternalAgentsSecret({ organizationId: orgA.id, slug: orgA.slug });
    expect(after.secret).not.toBe(before.secret);
    expect(after.rotatedAt).not.toBeNull();
    expect((await getExternalAgentsSettings({ organizationId: orgA.id, slug: orgA.slug })).secret).toBe(after.secret);
    expect((await send("rot-2", before.secret)).status).toBe(401);
    expect((await send("rot-3", after.secret)).status).toBe(200);
    // Stored encrypted, never in clear.
    const row = await t.db.agentWebhookSecret.findUniqueOrThrow({ where: { organizationId: orgA.id } });
    expect(row.secretEnc).not.toContain(after.secret.slice(6, 20));
    // API keys cannot read it (admins, signed in), and another organisation's slug is a 404.
    const key = (await createApiKey({ organizationId: orgA.id, name: "w", scopes: ["read", "write"] })).key;
    const read = (slug: string, k: string) => settingsRoute.GET(new Request(`http://localhost/api/orgs/${slug}/agents/external`, { headers: { "x-api-key": k } }), { params: Promise.resolve({ org: slug }) });
    expect((await read(orgA.slug, key)).status).toBe(403);
    expect((await read(orgB.slug, key)).status).toBe(404);
  });
});
