import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { GET as listRoute } from "@/app/api/orgs/[org]/runs/route";
import { GET as runRoute } from "@/app/api/orgs/[org]/runs/[runId]/route";
import { POST as cancelRoute } from "@/app/api/orgs/[org]/runs/[runId]/cancel/route";
import { POST as rerunRoute } from "@/app/api/orgs/[org]/runs/[runId]/rerun/route";
import { signUp } from "@/lib/auth/sign-up";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { ended, runsOf, startHarness, until, type Harness } from "./harness";

/** The Runs API route handlers: tenant isolation (another organisation's run is a 404), cancel, re-run. */
let h: Harness;
let a: { slug: string; id: string; key: string };
let b: { slug: string; id: string; key: string };

function build(inngest: Inngest) {
  return [
    inngest.createFunction({ id: "nurture", triggers: [{ event: "test/lead.created" }] }, async ({ step }) => {
      await step.run("welcome", () => "sent");
      await step.sleep("later", "3d");
      return "done";
    }),
  ];
}

async function tenant(label: string) {
  const user = await signUp({ name: label, email: `${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: `${label} SAS` } });
  const { key } = await createApiKey({ organizationId: org.id, name: "runs", scopes: ["read", "write"] });
  return { slug: org.slug, id: org.id, key };
}

const call = (handler: (req: Request, ctx: never) => Promise<Response>, url: string, key: string, params: Record<string, string>, method = "GET") =>
  handler(new Request(`http://localhost${url}`, { method, headers: { "x-api-key": key } }), { params: Promise.resolve(params) } as never);

beforeAll(async () => {
  h = await startHarness(build);
  a = await tenant("runs-a");
  b = await tenant("runs-b");
});
afterAll(async () => {
  await h?.stop();
});

describe("runs routes", () => {
  it("lists, shows, cancels and re-runs the organisation's runs; another organisation gets 404", async () => {
    await h.client.send({ name: "test/lead.created", data: { organizationId: a.id } });
    const run = await until("the sleeping run", async () => {
      const timer = await h.db.runtimeQueueItem.findFirst({ where: { kind: "TIMER" } });
      return timer ? (await runsOf(h.db, "test-app-nurture")).find((r) => r.id === timer.runId) : undefined;
    });

    const list = await call(listRoute, `/api/orgs/${a.slug}/runs?status=RUNNING`, a.key, { org: a.slug });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { runs: { id: string }[] }).runs.map((r) => r.id)).toEqual([run.id]);
    const listB = await call(listRoute, `/api/orgs/${b.slug}/runs`, b.key, { org: b.slug });
    expect(((await listB.json()) as { runs: unknown[] }).runs).toHaveLength(0);

    const detail = await call(runRoute, `/api/orgs/${a.slug}/runs/${run.id}`, a.key, { org: a.slug, runId: run.id });
    expect(((await detail.json()) as { run: { steps: { stepId: string }[] } }).run.steps.map((s) => s.stepId)).toEqual(["welcome", "later"]);

    // Tenant B on tenant A's run, through B's own slug: 404 everywhere, nothing changes.
    for (const [handler, method] of [
      [runRoute, "GET"],
      [cancelRoute, "POST"],
      [rerunRoute, "POST"],
    ] as const) {
      const res = await call(handler, `/api/orgs/${b.slug}/runs/${run.id}`, b.key, { org: b.slug, runId: run.id }, method);
      expect(res.status).toBe(404);
    }
    // B's key on A's slug: 404 too.
    expect((await call(cancelRoute, `/api/orgs/${a.slug}/runs/${run.id}/cancel`, b.key, { org: a.slug, runId: run.id }, "POST")).status).toBe(404);
    expect((await runsOf(h.db, "test-app-nurture"))[0]!.status).toBe("RUNNING");

    const rerunActive = await call(rerunRoute, `/api/orgs/${a.slug}/runs/${run.id}/rerun`, a.key, { org: a.slug, runId: run.id }, "POST");
    expect(rerunActive.status).toBe(409);

    const cancelled = await call(cancelRoute, `/api/orgs/${a.slug}/runs/${run.id}/cancel`, a.key, { org: a.slug, runId: run.id }, "POST");
    expect(cancelled.status).toBe(200);
    expect((await runsOf(h.db, "test-app-nurture"))[0]!.status).toBe("CANCELLED");
    expect((await call(cancelRoute, `/api/orgs/${a.slug}/runs/${run.id}/cancel`, a.key, { org: a.slug, runId: run.id }, "POST")).status).toBe(409);

    const rerun = await call(rerunRoute, `/api/orgs/${a.slug}/runs/${run.id}/rerun`, a.key, { org: a.slug, runId: run.id }, "POST");
    expect(rerun.status).toBe(201);
    const { runId } = (await rerun.json()) as { runId: string };
    await until("the re-run to sleep", async () => (await h.db.runtimeQueueItem.count({ where: { runId, kind: "TIMER" } })) === 1);
    expect((await runsOf(h.db, "test-app-nurture")).find((r) => r.id === runId)?.organizationId).toBe(a.id);
    await ended(h.db, "test-app-nurture", 1);
  });
});
