import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import * as chatRoute from "@/app/api/orgs/[org]/assistant/chat/route";
import * as searchRoute from "@/app/api/orgs/[org]/assistant/search/route";
import * as scenariosRoute from "@/app/api/orgs/[org]/scenarios/route";
import * as scenarioRoute from "@/app/api/orgs/[org]/scenarios/[id]/route";
import * as objectivesRoute from "@/app/api/orgs/[org]/scenarios/[id]/objectives/route";
import * as targetsRoute from "@/app/api/orgs/[org]/scenarios/[id]/targets/route";
import * as suggestionsRoute from "@/app/api/orgs/[org]/scenarios/[id]/targets/suggestions/route";
import * as resourcesRoute from "@/app/api/orgs/[org]/scenarios/[id]/resources/route";
import * as planRoute from "@/app/api/orgs/[org]/scenarios/[id]/plan/route";
import * as ideaRoute from "@/app/api/orgs/[org]/scenarios/[id]/plan/rows/[rowId]/idea/route";
import * as jsonRoute from "@/app/api/orgs/[org]/scenarios/[id]/export/json/route";
import * as csvRoute from "@/app/api/orgs/[org]/scenarios/[id]/export/csv/route";
import * as examplesRoute from "@/app/api/orgs/[org]/scenarios/examples/route";
import * as copyRoute from "@/app/api/orgs/[org]/scenarios/examples/[key]/route";
import * as importRoute from "@/app/api/orgs/[org]/scenarios/import/route";
import { signUp } from "@/lib/auth/sign-up";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createAnthropicFake, type AnthropicFake } from "@/tests/fakes/anthropic";
import { setEnv } from "@/tests/contract/harness";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * The scenario assistant's API (seed 002) through its real routes against PostgreSQL: the offline AI
 * provider by default, the local Anthropic fake for invalid answers and outages (502, fallback
 * message, nothing written); 422 naming the field, 404 for another organisation's scenario, the
 * 30-a-minute AI limit, exports (JSON round trip, CSV with BOM and accents), the flywheel hand-off
 * and the 7-day purge (sys-005).
 */
let t: TestDatabase;
let fake: AnthropicFake;
type Tenant = { slug: string; orgId: string; key: string };
const tenants: Record<"a" | "b" | "c", Tenant> = {} as never;

async function tenant(label: string): Promise<Tenant> {
  const owner = await signUp({ name: `Owner ${label}`, email: `owner-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `Scénarios ${label}` } });
  const { key } = await createApiKey({ organizationId: org.id, name: "assistant", scopes: ["read", "write"] });
  return { slug: org.slug, orgId: org.id, key };
}

type Handler = (req: Request, ctx: never) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(handler: Handler, k: keyof typeof tenants, params: Record<string, string>, opts: { method?: string; body?: unknown; query?: string; lang?: string } = {}) {
  const res = await handler(
    new Request(`http://localhost/api/orgs/${params.org ?? tenants[k].slug}/x${opts.query ? `?${opts.query}` : ""}`, {
      method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
      headers: { "x-api-key": tenants[k].key, "accept-language": opts.lang ?? "fr", ...(opts.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    }),
    { params: Promise.resolve({ org: tenants[k].slug, ...params }) } as never,
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    /* CSV */
  }
  return { status: res.status, json, text, bytes, headers: res.headers };
}

const KEY = "sk-ant-assistant-test";
const useFake = () => setEnv({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.server.url, AI_MAX_RETRIES: "0" });
const useOffline = () => setEnv({ ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: undefined, AI_MAX_RETRIES: undefined });

async function counts(orgId: string) {
  const where = { organizationId: orgId };
  const [scenarios, plans, rows, targets, messages, chats] = await Promise.all([
    t.db.scenario.count({ where }),
    t.db.scenarioPlan.count({ where }),
    t.db.scenarioPlanRow.count({ where }),
    t.db.scenarioTarget.count({ where }),
    t.db.assistantMessage.count({ where }),
    t.db.assistantChat.count({ where }),
  ]);
  return { scenarios, plans, rows, targets, messages, chats };
}

beforeAll(async () => {
  t = await createTestDatabase();
  tenants.a = await tenant("a");
  tenants.b = await tenant("b");
  tenants.c = await tenant("c");
  fake = createAnthropicFake({ apiKey: KEY });
  await fake.server.start();
});
afterAll(async () => {
  useOffline();
  await fake?.server.stop();
  await t?.cleanup();
});

describe("scenarios API", () => {
  let scenarioId = "";

  it("creates, lists (paged, theme filter, most recent first) and reads a scenario; 422 names the field", async () => {
    const created = await call(scenariosRoute.POST, "a", {}, { body: { name: "Salon Pollutec", theme: "Événementiel", description: "Préparer le salon" } });
    expect(created.status).toBe(201);
    scenarioId = created.json.scenario.id;
    expect(created.json.scenario).toMatchObject({ name: "Salon Pollutec", theme: "Événementiel", status: "DRAFT", objectives: [], plan: null });
    await call(scenariosRoute.POST, "a", {}, { body: { name: "Webinaire DAF", theme: "Génération de leads" } });
    await call(scenariosRoute.POST, "b", {}, { body: { name: "Autre organisation", theme: "Événementiel" } });

    const all = await call(scenariosRoute.GET, "a", {});
    expect(all.json.items.map((s: Json) => s.name)).toEqual(["Webinaire DAF", "Salon Pollutec"]);
    expect(all.json.total).toBe(2);
    const events = await call(scenariosRoute.GET, "a", {}, { query: "theme=%C3%A9v%C3%A9nementiel" });
    expect(events.json.items.map((s: Json) => s.name)).toEqual(["Salon Pollutec"]);
    const page2 = await call(scenariosRoute.GET, "a", {}, { query: "page=2&pageSize=1" });
    expect(page2.json).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ name: "Salon Pollutec" }] });

    for (const [body, field] of [
      [{ theme: "x" }, "name"],
      [{ name: "x".repeat(151), theme: "x" }, "name"],
      [{ name: "ok", theme: "" }, "theme"],
    ] as const) {
      const bad = await call(scenariosRoute.POST, "a", {}, { body });
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(bad.json.error.field).toBe(field);
    }
    expect((await call(scenariosRoute.GET, "a", {}, { query: "pageSize=500" })).json.error.field).toBe("query.pageSize");
    expect((await t.db.scenario.count({ where: { organizationId: tenants.a.orgId } }))).toBe(2);

    const got = await call(scenarioRoute.GET, "a", { id: scenarioId });
    expect(got.json.scenario.name).toBe("Salon Pollutec");
  });

  it("adds objectives, targets and resources (updated scenario back); 422 and 404 write nothing", async () => {
    const obj = await call(objectivesRoute.POST, "a", { id: scenarioId }, { body: { label: "150 contacts qualifiés", priority: 1 } });
    expect(obj.status).toBe(201);
    expect(obj.json.scenario.objectives).toEqual([expect.objectContaining({ label: "150 contacts qualifiés", priority: 1 })]);
    const tgt = await call(targetsRoute.POST, "a", { id: scenarioId }, { body: { label: "Acheteurs industriels", maturity: "DECISION", segment: "ETI" } });
    expect(tgt.json.scenario.targets).toEqual([expect.objectContaining({ label: "Acheteurs industriels", maturity: "DECISION" })]);
    const dup = await call(targetsRoute.POST, "a", { id: scenarioId }, { body: { label: "acheteurs industriels" } });
    expect(dup.status).toBe(409);
    const res = await call(resourcesRoute.POST, "a", { id: scenarioId }, { body: { type: "CASE_STUDY", title: "Cas Sahel", url: "https://example.test/cas", usage: "Preuve" } });
    expect(res.json.scenario.resources).toEqual([expect.objectContaining({ type: "CASE_STUDY", title: "Cas Sahel", usage: "Preuve" })]);

    expect((await call(targetsRoute.POST, "a", { id: scenarioId }, { body: { label: "x", maturity: "HOT" } })).json.error.field).toBe("maturity");
    expect((await call(resourcesRoute.POST, "a", { id: scenarioId }, { body: { type: "ARTICLE", title: "x", url: "javascript:alert(1)" } })).json.error.field).toBe("url");
    expect((await call(objectivesRoute.POST, "a", { id: scenarioId }, { body: { label: "" } })).json.error.field).toBe("label");

    const foreign = await call(targetsRoute.POST, "b", { id: scenarioId }, { body: { label: "Volée" } });
    expect(foreign.status).toBe(404);
    expect((await call(scenarioRoute.GET, "b", { id: scenarioId })).status).toBe(404);
    expect((await call(scenarioRoute.GET, "a", { id: "nope" })).status).toBe(404);
    expect(await t.db.marketingTarget.count({ where: { label: "Volée" } })).toBe(0);
    expect((await counts(tenants.a.orgId)).targets).toBe(1);
  });

  it("suggests three targets (label, description, insight) in French and English without storing them", async () => {
    const before = await counts(tenants.a.orgId);
    const fr = await call(suggestionsRoute.POST, "a", { id: scenarioId }, { body: {} });
    expect(fr.status).toBe(200);
    expect(fr.json.suggestions).toHaveLength(3);
    for (const s of fr.json.suggestions) expect(s).toEqual({ label: expect.any(String), description: expect.any(String), insight: expect.any(String) });
    expect(fr.json.suggestions[0].label).toBe("Décideurs PME");
    const en = await call(suggestionsRoute.POST, "a", { id: scenarioId }, { body: { locale: "en" } });
    expect(en.json.suggestions[0].label).toBe("SMB decision makers");
    expect(await counts(tenants.a.orgId)).toEqual(before);
    expect((await call(suggestionsRoute.POST, "b", { id: scenarioId }, { body: {} })).status).toBe(404);
  });

  it("generates the plan, and regenerating keeps the earlier version", async () => {
    const first = await call(planRoute.POST, "a", { id: scenarioId }, { body: {} });
    expect(first.status).toBe(201);
    const plan = first.json.scenario.plan;
    expect(plan.version).toBe(1);
    expect(plan.summary).toContain("Salon Pollutec");
    expect(plan.rows.length).toBeGreaterThanOrEqual(3);
    for (const r of plan.rows) expect(Object.keys(r).sort()).toEqual(["channel", "format", "frequency", "id", "kpi", "message", "position"]);
    expect(first.json.scenario.status).toBe("READY");
    // A DECISION target adds the webinar row.
    expect(plan.rows.map((r: Json) => r.format)).toContain("Webinaire");
    const second = await call(planRoute.POST, "a", { id: scenarioId }, { body: {} });
    expect(second.json.scenario.plan.version).toBe(2);
    expect(second.json.scenario.planVersions).toBe(2);
    expect(await t.db.scenarioPlan.count({ where: { scenarioId } })).toBe(2);
  });

  it("invalid AI JSON or a provider outage: 502 with the fallback message, nothing written", async () => {
    useFake();
    try {
      const before = await counts(tenants.a.orgId);
      fake.enqueue({ text: "{ not json" }, { text: JSON.stringify({ summary: "court", rows: [] }) });
      const bad = await call(planRoute.POST, "a", { id: scenarioId }, { body: {} });
      expect(bad.status).toBe(502);
      expect(bad.json.error.code).toBe("upstream");
      expect(bad.json.error.message).toMatch(/Rien n'a été enregistré/);

      fake.enqueue({ text: "{}" }, { text: "[]" });
      const chat = await call(chatRoute.POST, "a", {}, { body: { intent: "scenario.create", message: "Scénario qui ne doit pas exister" } });
      expect(chat.status).toBe(502);
      expect(chat.json.error.message).toMatch(/réessayez/);

      fake.enqueue({ status: 500, errorType: "api_error", message: "boom" });
      const down = await call(suggestionsRoute.POST, "a", { id: scenarioId }, { body: { locale: "en" }, lang: "en" });
      expect(down.status).toBe(502);
      expect(down.json.error.message).toMatch(/Nothing was saved/);

      expect(await counts(tenants.a.orgId)).toEqual(before);
      expect(await t.db.scenario.count({ where: { name: "Scénario qui ne doit pas exister" } })).toBe(0);
    } finally {
      useOffline();
    }
  });

  it("chat: welcome, create from the chat, suggest and add a target in one click, inspirations, plan; actions come from the server", async () => {
    const welcome = await call(chatRoute.POST, "a", {}, { body: { intent: "welcome" } });
    expect(welcome.json.actions.map((a: Json) => a.intent)).toEqual(["scenario.create", "scenario.list", "scenario.list"]);
    expect(welcome.json.message_markdown).toMatch(/Bonjour/);

    const created = await call(chatRoute.POST, "a", {}, { body: { intent: "scenario.create", message: "Lancement offre maintenance" } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ entities_to_create: [], errors: [], scenario: { name: "Lancement offre maintenance", status: "DRAFT" } });
    expect(created.json.message_markdown).toContain("Lancement offre maintenance");
    expect(created.json.actions.map((a: Json) => a.intent)).toEqual(["targets.suggest", "search.run", "plan.generate"]);
    const { chatId } = created.json;
    const id = created.json.scenario.id as string;
    expect(created.json.messages.map((m: Json) => m.author)).toEqual(["USER", "ASSISTANT"]);

    const suggested = await call(chatRoute.POST, "a", {}, { body: { intent: "targets.suggest", scenarioId: id, chatId } });
    expect(suggested.json.entities_to_create).toHaveLength(3);
    const add = suggested.json.actions[0];
    expect(add.intent).toBe("targets.add");
    const added = await call(chatRoute.POST, "a", {}, { body: { intent: add.intent, payload: add.payload, scenarioId: id, chatId } });
    expect(added.json.scenario.targets).toEqual([expect.objectContaining({ label: "Décideurs PME", insight: expect.any(String) })]);

    const bad = await call(chatRoute.POST, "a", {}, { body: { intent: "targets.add", payload: { label: "" }, scenarioId: id, chatId } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("payload.label");
    expect((await call(chatRoute.POST, "a", {}, { body: { intent: "targets.suggest" } })).json.error.field).toBe("scenarioId");
    expect((await call(chatRoute.POST, "a", {}, { body: { intent: "dance" } })).json.error.field).toBe("intent");
    expect((await call(chatRoute.POST, "b", {}, { body: { intent: "targets.suggest", scenarioId: id } })).status).toBe(404);

    const inspirations = await call(chatRoute.POST, "a", {}, { body: { intent: "search.run", scenarioId: id, chatId } });
    expect(inspirations.json.actions).toHaveLength(3);
    const use = inspirations.json.actions.find((a: Json) => a.payload.kind === "objective");
    const used = await call(chatRoute.POST, "a", {}, { body: { intent: use.intent, payload: use.payload, scenarioId: id, chatId } });
    expect(used.json.scenario.objectives).toHaveLength(1);

    const plan = await call(chatRoute.POST, "a", {}, { body: { intent: "plan.generate", scenarioId: id, chatId } });
    expect(plan.json.scenario.plan.rows.length).toBeGreaterThan(2);
    expect(plan.json.actions.find((a: Json) => a.intent === "plan.generate").label).toBe("Régénérer le plan");

    const free = await call(chatRoute.POST, "a", {}, { body: { intent: "message", message: "Où en est-on ?", scenarioId: id, chatId }, lang: "en" });
    expect(free.json.message_markdown).toMatch(/1 objective\(s\), 1 target\(s\)/);

    const stored = await t.db.assistantMessage.findMany({ where: { chatId }, orderBy: { createdAt: "asc" } });
    expect(stored).toHaveLength(14);
    // A button press is stored as what the person chose, in their language, never as the intent's id.
    expect(stored.filter((m) => m.author === "USER").map((m) => m.content)).toEqual([
      "Lancement offre maintenance",
      "Suggérer des cibles",
      "Ajouter : Décideurs PME",
      "Trouver des inspirations",
      expect.stringMatching(/^Utiliser comme objectif : /),
      "Générer le plan",
      "Où en est-on ?",
    ]);
    for (const m of stored) expect(m.expiresAt.getTime() - m.createdAt.getTime()).toBe(7 * 86_400_000);
    expect((await call(scenarioRoute.GET, "a", { id })).json.scenario.messages.length).toBe(14);
  });

  it("search endpoint: three inspirations from the organisation's own content, stored with the scenario", async () => {
    const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: tenants.a.orgId } });
    await t.db.contentPiece.create({ data: { organizationId: tenants.a.orgId, brandId: brand.id, title: "Maintenance prédictive : 3 erreurs", body: "Comment la maintenance prédictive réduit les pannes de 30 %.", status: "PUBLISHED" } });
    const res = await call(searchRoute.POST, "a", {}, { body: { scenarioId, query: "maintenance prédictive" } });
    expect(res.status).toBe(201);
    expect(res.json.search.results).toHaveLength(3);
    expect(res.json.search.results[0]).toMatchObject({ title: "Maintenance prédictive : 3 erreurs", kind: "resource", source: expect.stringContaining("Vos contenus") });
    expect(await t.db.scenarioSearch.count({ where: { scenarioId } })).toBe(1);
    expect((await call(searchRoute.POST, "b", {}, { body: { scenarioId } })).status).toBe(404);
    expect((await call(searchRoute.POST, "a", {}, { body: { query: "x" } })).json.error.field).toBe("scenarioId");
  });

  it("exports JSON (round trip to the same scenario) and CSV (BOM, accents, one line per plan item)", async () => {
    const got = (await call(scenarioRoute.GET, "a", { id: scenarioId })).json.scenario;
    const json = await call(jsonRoute.GET, "a", { id: scenarioId });
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toContain("scenario-salon-pollutec.json");
    const { messages: _m, searches: _s, ...expected } = got;
    expect(json.json.scenario).toEqual(expected);

    // Round trip: the file imported (into another organisation) gives the same scenario, and exports the same again.
    const same = (x: Json) => {
      const { id: _i, createdAt: _c, updatedAt: _u, planVersions: _v, messages: _m, searches: _s, plan, objectives, targets, resources, ...rest } = x;
      const strip = (items: Json[]) => items.map(({ id: _id, ...r }) => r);
      return { ...rest, objectives: strip(objectives), targets: strip(targets), resources: strip(resources), plan: plan && { summary: plan.summary, model: plan.model, rows: strip(plan.rows) } };
    };
    const imported = await call(importRoute.POST, "c", {}, { body: json.json });
    expect(imported.status).toBe(201);
    expect(imported.json.scenario.id).not.toBe(scenarioId);
    expect(same(imported.json.scenario)).toEqual(same(json.json.scenario));
    const again = await call(jsonRoute.GET, "c", { id: imported.json.scenario.id });
    expect(same(again.json.scenario)).toEqual(same(json.json.scenario));
    const badImport = await call(importRoute.POST, "c", {}, { body: { ...json.json, scenario: { ...json.json.scenario, targets: [{ label: "x", maturity: "HOT" }] } } });
    expect(badImport.status).toBe(422);
    expect(badImport.json.error.field).toBe("scenario.targets.0.maturity");
    expect((await call(importRoute.POST, "c", {}, { body: { format: "other", scenario: json.json.scenario } })).json.error.field).toBe("format");

    const csv = await call(csvRoute.GET, "a", { id: scenarioId });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("scenario;theme;status;description;objectives;targets;resources;plan_version;plan_summary;position;format;message;channel;frequency;kpi");
    expect(lines).toHaveLength(1 + got.plan.rows.length);
    expect(lines[1]).toContain("Salon Pollutec;Événementiel;READY;Préparer le salon;1. 150 contacts qualifiés;Acheteurs industriels (DECISION)");
    expect(csv.text).toContain("Taux d'engagement > 3 %");

    const empty = await call(scenariosRoute.POST, "a", {}, { body: { name: "Sans plan", theme: "x" } });
    expect((await call(csvRoute.GET, "a", { id: empty.json.scenario.id })).status).toBe(409);
    expect((await call(jsonRoute.GET, "b", { id: scenarioId })).status).toBe(404);
    expect((await call(csvRoute.GET, "b", { id: scenarioId })).status).toBe(404);
  });

  it("sends a plan item to the Content Flywheel as an idea, once", async () => {
    const row = (await call(scenarioRoute.GET, "a", { id: scenarioId })).json.scenario.plan.rows[0];
    const sent = await call(ideaRoute.POST, "a", { id: scenarioId, rowId: row.id }, { body: {} });
    expect(sent.status).toBe(201);
    expect(sent.json.duplicate).toBe(false);
    const input = await t.db.contentInput.findUniqueOrThrow({ where: { id: sent.json.inputId } });
    expect(input).toMatchObject({ organizationId: tenants.a.orgId, type: "TEXT", source: "MANUAL" });
    expect(input.rawContent).toContain(row.message);
    expect(input.rawContent).toContain("Scénario : Salon Pollutec");
    const again = await call(ideaRoute.POST, "a", { id: scenarioId, rowId: row.id }, { body: {} });
    expect(again.json).toEqual({ inputId: sent.json.inputId, duplicate: true });
    expect((await call(ideaRoute.POST, "b", { id: scenarioId, rowId: row.id }, { body: {} })).status).toBe(404);
    expect((await call(ideaRoute.POST, "a", { id: scenarioId, rowId: "nope" }, { body: {} })).json.error.field).toBe("rowId");
  });

  it("offers the five B2B examples to every organisation; copying one gives a full DRAFT scenario", async () => {
    const list = await call(examplesRoute.GET, "c", {});
    expect(list.json.examples).toHaveLength(5);
    const copy = await call(copyRoute.POST, "c", { key: list.json.examples[0].key }, { body: {} });
    expect(copy.status).toBe(201);
    expect(copy.json.scenario).toMatchObject({ name: list.json.examples[0].name, status: "DRAFT" });
    expect(copy.json.scenario.objectives.length).toBe(list.json.examples[0].objectives);
    expect(copy.json.scenario.plan.rows.length).toBe(list.json.examples[0].planRows);
    expect((await call(copyRoute.POST, "c", { key: "nope" }, { body: {} })).status).toBe(404);
  });

  it("30 AI requests a minute per user: past them a 429 with Retry-After (the bucket refills one every 2 s)", async () => {
    const id = (await t.db.scenario.findFirstOrThrow({ where: { organizationId: tenants.c.orgId } })).id;
    const started = Date.now();
    const answers: { status: number; retryAfter: string | null }[] = [];
    for (let i = 0; i < 36; i++) {
      const res = await call(suggestionsRoute.POST, "c", { id }, { body: {} });
      answers.push({ status: res.status, retryAfter: res.headers.get("retry-after") });
    }
    const refills = Math.ceil((Date.now() - started) / 2000);
    expect(answers.slice(0, 30).every((a) => a.status === 200)).toBe(true);
    const ok = answers.filter((a) => a.status === 200).length;
    expect(ok).toBeLessThanOrEqual(30 + refills);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThan(0);
    // Another user (tenant a's key) is not affected.
    expect((await call(suggestionsRoute.POST, "a", { id: (await t.db.scenario.findFirstOrThrow({ where: { organizationId: tenants.a.orgId } })).id }, { body: {} })).status).toBe(200);
  });
});

describe("sys-005 assistant retention", () => {
  it("deletes messages older than 7 days, keeps newer ones", async () => {
    const chat = await t.db.assistantChat.create({ data: { organizationId: tenants.b.orgId, userId: "u", expiresAt: new Date(Date.now() - 3600_000), lastMessageAt: new Date(Date.now() - 8 * 86_400_000) } });
    const at = (days: number) => new Date(Date.now() - days * 86_400_000);
    const msg = (id: string, days: number) => ({ id, organizationId: tenants.b.orgId, chatId: chat.id, author: "USER" as const, content: id, createdAt: at(days), expiresAt: new Date(at(days).getTime() + 7 * 86_400_000) });
    await t.db.assistantMessage.createMany({ data: [msg("old-8d", 8), msg("old-7d1h", 7.05), msg("new-6d", 6), msg("new-now", 0)] });
    const { sys005AssistantRetention } = await import("@/inngest/functions/system/sys-005-assistant-retention");
    const engine = new InngestTestEngine({ function: sys005AssistantRetention, events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 15 * * * *" } }] });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ messages: 2 });
    const left = await t.db.assistantMessage.findMany({ where: { chatId: chat.id }, select: { id: true } });
    expect(left.map((m) => m.id).sort()).toEqual(["new-6d", "new-now"]);
    // The chat still has messages: kept.
    expect(await t.db.assistantChat.count({ where: { id: chat.id } })).toBe(1);
  });
});
