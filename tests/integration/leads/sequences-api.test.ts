import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedOrg } from "@/tests/integration/approvals/support";

/**
 * The MKT-303 sequence editor's API through the real route handlers on PostgreSQL: valid input saved
 * (steps by position), invalid input a 422 naming the field with nothing written, auto-approve an
 * owner's decision (403 naming the field otherwise), another organisation's sequence a 404, and the
 * human yes on a message refused to API keys.
 */
let t: TestDatabase;
let s: Awaited<ReturnType<typeof seedOrg>>;
let other: Awaited<ReturnType<typeof seedOrg>>;
let key: string;
let routes: { list: typeof import("@/app/api/orgs/[org]/leads/sequences/route"); one: typeof import("@/app/api/orgs/[org]/leads/sequences/[id]/route"); decision: typeof import("@/app/api/orgs/[org]/leads/messages/[id]/decision/route") };
let saveSequence: typeof import("@/lib/leads/nurture/sequences").saveSequence;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedOrg(t.db);
  other = await seedOrg(t.db);
  key = (await createApiKey({ organizationId: s.orgId, name: "crm", scopes: ["read", "write"] })).key;
  routes = {
    list: await import("@/app/api/orgs/[org]/leads/sequences/route"),
    one: await import("@/app/api/orgs/[org]/leads/sequences/[id]/route"),
    decision: await import("@/app/api/orgs/[org]/leads/messages/[id]/decision/route"),
  };
  saveSequence = (await import("@/lib/leads/nurture/sequences")).saveSequence;
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

const valid = () => ({
  name: "Relance salon",
  description: "Après le salon de Dakar",
  targetTier: "WARM",
  status: "ACTIVE",
  autoApprove: false,
  steps: [
    { channel: "EMAIL", mode: "AI", delayMinutes: 0, subject: null, body: "Remercier pour la visite du stand et proposer un échange." },
    { channel: "WHATSAPP", mode: "TEMPLATE", delayMinutes: 2880, body: "Bonjour {{first_name}}, avez-vous eu le temps de regarder notre proposition ?", whatsappTemplateName: "relance_salon" },
  ],
});

async function call(method: "POST" | "PUT" | "GET", slug: string, body?: unknown, id?: string) {
  const url = `http://localhost/api/orgs/${slug}/leads/sequences${id ? `/${id}` : ""}`;
  const req = new Request(url, { method, headers: { "content-type": "application/json", "x-api-key": key, "accept-language": "en" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const h = id ? (routes.one as Record<string, unknown>)[method] : (routes.list as Record<string, unknown>)[method];
  const res = await (h as (r: Request, c: unknown) => Promise<Response>)(req, { params: Promise.resolve({ org: slug, ...(id ? { id } : {}) }) });
  return { status: res.status, body: (await res.json()) as { sequence?: { id: string; steps: { position: number; channel: string; mode: string; delayMinutes: number; whatsappTemplateName: string | null; subject: string | null }[] }; sequences?: unknown[]; error?: { field?: string; message: string } } };
}

describe("sequence editor API", () => {
  let id: string;

  it("creates a sequence with its steps in order", async () => {
    const res = await call("POST", s.slug, valid());
    expect(res.status).toBe(201);
    id = res.body.sequence!.id;
    expect(res.body.sequence!.steps.map((x) => [x.position, x.channel, x.mode, x.delayMinutes, x.whatsappTemplateName])).toEqual([
      [0, "EMAIL", "AI", 0, null],
      [1, "WHATSAPP", "TEMPLATE", 2880, "relance_salon"],
    ]);
    expect((await call("GET", s.slug)).body.sequences).toHaveLength(1);
  });

  it.each([
    [{ ...valid(), name: "" }, "name"],
    [{ ...valid(), steps: [] }, "steps"],
    [{ ...valid(), steps: [{ ...valid().steps[0], delayMinutes: -5 }] }, "steps.0.delayMinutes"],
    [{ ...valid(), steps: [{ ...valid().steps[0], delayMinutes: "tomorrow" }] }, "steps.0.delayMinutes"],
    [{ ...valid(), steps: [valid().steps[0], { ...valid().steps[1], channel: "SMS" }] }, "steps.1.channel"],
    [{ ...valid(), steps: [{ ...valid().steps[0], body: " " }] }, "steps.0.body"],
    [{ ...valid(), targetTier: "LUKEWARM" }, "targetTier"],
    [{ ...valid(), extra: 1 }, "extra"],
  ])("refuses invalid input with a 422 naming the field (%#) and writes nothing", async (body, field) => {
    const before = await t.db.nurtureStep.count();
    const res = await call("POST", s.slug, body);
    expect(res.status).toBe(422);
    expect(res.body.error!.field).toBe(field);
    expect(await t.db.nurtureStep.count()).toBe(before);
  });

  it("auto-approve is an owner's decision: an API key gets a 403 naming the field; an owner turns it on", async () => {
    const res = await call("PUT", s.slug, { ...valid(), autoApprove: true }, id);
    expect(res.status).toBe(403);
    expect(res.body.error!.field).toBe("autoApprove");
    expect((await t.db.nurtureSequence.findUniqueOrThrow({ where: { id } })).autoApprove).toBe(false);
    await expect(saveSequence({ organizationId: s.orgId, sequenceId: id, input: { ...valid(), autoApprove: true } as never, actor: { userId: s.editorId, role: "EDITOR" } })).rejects.toMatchObject({ code: "forbidden", field: "autoApprove" });
    const saved = await saveSequence({ organizationId: s.orgId, sequenceId: id, input: { ...valid(), autoApprove: true } as never, actor: { userId: s.ownerId, role: "OWNER" } });
    expect(saved).toMatchObject({ autoApprove: true });
    expect(await t.db.nurtureSequence.findUniqueOrThrow({ where: { id } })).toMatchObject({ autoApprove: true, autoApproveSetById: s.ownerId });
  });

  it("replacing the steps keeps their rows by position and removes the ones past the end", async () => {
    const before = await t.db.nurtureStep.findMany({ where: { sequenceId: id }, orderBy: { position: "asc" } });
    const res = await call("PUT", s.slug, { ...valid(), autoApprove: true, steps: [{ ...valid().steps[0], body: "Nouveau texte" }] }, id);
    expect(res.status).toBe(200);
    const after = await t.db.nurtureStep.findMany({ where: { sequenceId: id }, orderBy: { position: "asc" } });
    expect(after.map((x) => [x.id, x.bodyPrompt])).toEqual([[before[0]!.id, "Nouveau texte"]]);
  });

  it("another organisation's sequence is a 404; the human yes on a message is refused to API keys", async () => {
    const theirs = await saveSequence({ organizationId: other.orgId, input: valid() as never, actor: { userId: other.ownerId, role: "OWNER" } });
    expect((await call("GET", s.slug, undefined, theirs.id)).status).toBe(404);
    expect((await call("PUT", s.slug, valid(), theirs.id)).status).toBe(404);
    const res = await routes.decision.POST(
      new Request(`http://localhost/api/orgs/${s.slug}/leads/messages/x/decision`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify({ decision: "APPROVE", hash: "0".repeat(64) }) }),
      { params: Promise.resolve({ org: s.slug, id: "x" }) },
    );
    expect(res.status).toBe(403);
  });
});
