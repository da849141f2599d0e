import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRoutes } from "@/lib/api/ingest-routes";
import { metrics } from "@/lib/observability/metrics";
import { createApiKey, revokeApiKey } from "@/lib/orgs/api-keys";
import type { TestDatabase } from "@/tests/helpers/db";
import { until } from "@/tests/integration/runtime/harness";
import { startLeadProcessing, type LeadProcessing } from "./lead-processing";

/**
 * The production server answers POST /api/webhooks/leads with a plain node:http handler
 * (lib/api/ingest-routes.ts, scripts/server.mjs) instead of the Next.js route: the same requests get
 * the same statuses, bodies (fields named), headers and metrics from both, and what it accepts is
 * stored with its event in one statement and processed by mkt-301.
 */
let lp: LeadProcessing;
let t: TestDatabase;
let receiver: http.Server;
let origin: string;
let key: string;
let orgId: string;
let leadsRoute: typeof import("@/app/api/webhooks/leads/route");

beforeAll(async () => {
  lp = await startLeadProcessing();
  t = lp.t;
  leadsRoute = await import("@/app/api/webhooks/leads/route");
  const routes = ingestRoutes();
  receiver = http.createServer((req, res) => {
    const hot = routes.get(`${req.method} ${(req.url ?? "/").split("?")[0]}`);
    if (!hot) return void res.writeHead(404).end();
    void hot(req, res);
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const org = await t.db.organization.create({ data: { name: "Atelier Node", slug: `node-${randomUUID().slice(0, 6)}` } });
  orgId = org.id;
  key = (await createApiKey({ organizationId: orgId, name: "site" })).key;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  await lp?.stop();
});

type Sent = { body: string; headers?: Record<string, string> };
const request = (s: Sent) => ({ method: "POST", headers: { "content-type": "application/json", "x-api-key": key, ...s.headers }, body: s.body });
const viaNode = (s: Sent) => fetch(`${origin}/api/webhooks/leads`, request(s));
const viaNext = (s: Sent) => leadsRoute.POST(new Request("http://app.test/api/webhooks/leads", request(s)), { params: Promise.resolve({}) });

/** What must be equal between the two: status, content type, and the body without per-request ids. */
async function shape(res: Response) {
  const body = (await res.json()) as Record<string, unknown> & { error?: Record<string, unknown> };
  if (body.error) delete body.error.requestId;
  delete body.submissionId;
  return { status: res.status, type: res.headers.get("content-type"), requestId: Boolean(res.headers.get("x-request-id")), body };
}

const count = async (status: string) => {
  const m = await metrics().registry.getSingleMetric("me_http_requests_total")!.get();
  return m.values.filter((v) => v.labels.route === "/api/webhooks/leads" && v.labels.status === status).reduce((a, v) => a + v.value, 0);
};

describe("POST /api/webhooks/leads through the node:http receiver", () => {
  it("answers every case as the Next.js route does, fields named", async () => {
    const cases: [string, (n: number) => Sent][] = [
      ["new lead", (n) => ({ body: JSON.stringify({ nom: `Awa Diop ${n}`, email: `awa-${n}-${randomUUID()}@example.sn`, telephone: "77 123 45 67" }) })],
      ["no contact field", () => ({ body: JSON.stringify({ nom: "Sans Contact" }) })],
      ["malformed JSON", () => ({ body: "{nope" })],
      ["JSON array", () => ({ body: "[1,2]" })],
      ["missing key", () => ({ body: JSON.stringify({ email: "a@example.fr" }), headers: { "x-api-key": "" } })],
      ["unknown key", () => ({ body: JSON.stringify({ email: "a@example.fr" }), headers: { "x-api-key": `me_00000000_${"x".repeat(32)}` } })],
      ["too large", () => ({ body: JSON.stringify({ email: "big@example.fr", message: "x".repeat(70 * 1024) }) })],
      ["English reader", () => ({ body: JSON.stringify({ nom: "Sans Contact" }), headers: { "accept-language": "en" } })],
    ];
    for (const [name, make] of cases) {
      const node = await shape(await viaNode(make(1)));
      const next = await shape(await viaNext(make(2)));
      expect(node, name).toEqual(next);
    }
    const tooLarge = await viaNode(cases[6]![1](3));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { field: string } }).error.field).toBe("body");
    const noContact = (await (await viaNode(cases[1]![1](4))).json()) as { error: { field: string } };
    expect(noContact.error.field).toBe("email");
  });

  it("stores once, answers a replay with the first submission, counts in /api/metrics, and mkt-301 processes it", async () => {
    const before = await count("202");
    const body = JSON.stringify({ name: "Kouassi Yao", email: `kouassi-${randomUUID()}@example.ci`, phone: "07 07 12 34 56" });
    const first = await viaNode({ body, headers: { "x-request-id": "req-node-receiver-1" } });
    expect(first.status).toBe(202);
    expect(first.headers.get("x-request-id")).toBe("req-node-receiver-1");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("content-encoding")).toBeNull();
    const { submissionId } = (await first.json()) as { submissionId: string };
    const replays = await Promise.all(Array.from({ length: 20 }, () => viaNode({ body })));
    for (const r of replays) expect(await r.json()).toMatchObject({ submissionId, duplicate: true });
    expect(await t.db.leadSubmission.count({ where: { organizationId: orgId, dedupeKey: { startsWith: "body:" }, payload: { path: ["name"], equals: "Kouassi Yao" } } })).toBe(1);
    // The event and its queue item were written by the same statement as the submission.
    expect(await t.db.runtimeEvent.count({ where: { externalId: `lead-submission-received:${submissionId}` } })).toBe(1);
    expect(await count("202")).toBe(before + 1);
    const done = await until("processed", async () => {
      const s = await t.db.leadSubmission.findUnique({ where: { id: submissionId } });
      return s && s.status !== "RECEIVED" ? s : undefined;
    }, 30_000);
    expect(done.status, done.errorMessage ?? "").toBe("PROCESSED");
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: done.leadId! } })).email).toMatch(/^kouassi-/);
  });

  it("refuses a key revoked in this process at once, despite the verified-key cache", async () => {
    const extra = await createApiKey({ organizationId: orgId, name: "revoked" });
    const send = () => viaNode({ body: JSON.stringify({ email: `r-${randomUUID()}@example.fr` }), headers: { "x-api-key": extra.key } });
    expect((await send()).status).toBe(202);
    await revokeApiKey({ organizationId: orgId, id: extra.apiKey.id });
    const refused = await send();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe("X-API-Key");
  });
});
