import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { startAppServer, type AppServer } from "@/tests/integration/runtime/harness";

/**
 * MKT-101 intake through the real webhook and org route handlers (called with Requests): stored
 * before processing, content/input.received recorded by the embedded event API, and every bad
 * input (unknown type, oversized, private URL, bad key) a 4xx with zero rows.
 */
let t: TestDatabase;
let events: AppServer;
let page: Server;
let pageUrl: string;
let dataDir: string;
let webhook: typeof import("@/app/api/webhooks/ideas/route");
let orgRoute: typeof import("@/app/api/orgs/[org]/content/inputs/route");
let key: string;
let otherKey: string;
let orgId: string;

const HTML = `<!doctype html><html><head><title>Bogolan et hôtellerie</title><meta name="description" content="Un atelier malien habille un hôtel."><script>alert("x")</script><style>p{}</style></head>
<body><nav>Menu Accueil Contact</nav><article><h1>Le bogolan entre à l'hôtel</h1><p>L'atelier a livré 40 coussins teints à la boue pour un hôtel de Dakar, avec des motifs choisis par la direction.</p><p>Chaque pièce est unique &amp; faite main ; les délais sont de six semaines.</p><p>Le projet a pris trois mois entre le premier rendez-vous et la livraison, et l'équipe de l'hôtel souhaite déjà une deuxième série pour ses suites.</p></article><footer>© 2026</footer></body></html>`;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-ingest-"));
  events = await startAppServer();
  process.env.APP_URL = events.origin;
  process.env.DATA_DIR = dataDir;
  delete process.env.INNGEST_DEV;
  resetEnvCache();
  page = createServer((req, res) => {
    if (req.url === "/redirect") return void res.writeHead(302, { location: "/article" }).end();
    if (req.url === "/pdf") return void res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(HTML);
  });
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  webhook = await import("@/app/api/webhooks/ideas/route");
  orgRoute = await import("@/app/api/orgs/[org]/content/inputs/route");
  const org = await t.db.organization.create({ data: { name: "Atelier", slug: "atelier" } });
  const other = await t.db.organization.create({ data: { name: "Other", slug: "other" } });
  orgId = org.id;
  await t.db.brand.create({ data: { organizationId: org.id, name: "Atelier Sahel", slug: "sahel", voice: "chaleureuse", targetAudience: "hôteliers", contentGuidelines: "concret", isDefault: true } });
  await t.db.brand.create({ data: { organizationId: other.id, name: "Other brand", slug: "ob", voice: "v", targetAudience: "a", contentGuidelines: "g" } });
  key = (await createApiKey({ organizationId: org.id, name: "zapier", scopes: ["ingest", "read", "write"] })).key;
  otherKey = (await createApiKey({ organizationId: other.id, name: "other", scopes: ["ingest", "read"] })).key;
});

afterAll(async () => {
  await new Promise<void>((r) => page?.close(() => r()));
  await events?.close();
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
  delete process.env.APP_URL;
  delete process.env.DATA_DIR;
  delete process.env.URL_FETCH_ALLOW_PRIVATE;
  delete process.env.RATE_LIMIT_PUBLIC_PER_MIN;
  resetEnvCache();
});

beforeEach(async () => {
  delete process.env.URL_FETCH_ALLOW_PRIVATE;
  resetEnvCache();
  await t.db.contentInput.deleteMany({});
  await t.db.mediaAsset.deleteMany({});
});

const ctx = { params: Promise.resolve({}) };

function postJson(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return webhook.POST(new Request("http://app.test/api/webhooks/ideas", { method: "POST", headers: { "content-type": "application/json", "x-api-key": key, ...headers }, body: JSON.stringify(body) }), ctx);
}

function postForm(form: FormData, headers: Record<string, string> = {}): Promise<Response> {
  return webhook.POST(new Request("http://app.test/api/webhooks/ideas", { method: "POST", headers: { "x-api-key": key, ...headers }, body: form }), ctx);
}

async function errorOf(res: Response): Promise<{ code: string; message: string; field?: string }> {
  return ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;
}

async function counts() {
  return { inputs: await t.db.contentInput.count(), media: await t.db.mediaAsset.count() };
}

describe("MKT-101 webhook: accepted inputs", () => {
  it("stores a text input as PENDING before processing and emits content/input.received", async () => {
    const res = await postJson({ type: "text", text: "Nos coussins en bogolan arrivent à l'hôtel Teranga." });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { input: { id: string; status: string; stage: string; type: string }; duplicate: boolean };
    expect(body).toMatchObject({ duplicate: false, input: { status: "PENDING", stage: "received", type: "TEXT" } });
    const row = await t.db.contentInput.findUniqueOrThrow({ where: { id: body.input.id } });
    expect(row).toMatchObject({ organizationId: orgId, source: "WEBHOOK", status: "PENDING", rawContent: "Nos coussins en bogolan arrivent à l'hôtel Teranga." });
    const ev = await t.db.$queryRawUnsafe<{ name: string; data: { inputId: string; organizationId: string } }[]>(`SELECT name, data FROM runtime_events WHERE "externalId" = $1`, `content-input-received:${row.id}`);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ name: "content/input.received", data: { inputId: row.id, organizationId: orgId, brandId: row.brandId } });
  });

  it("a repeated Idempotency-Key (header or body field) returns the same input, stored once; with another body it is a 422", async () => {
    const first = await postJson({ type: "text", text: "Idée A" }, { "idempotency-key": "req-42" });
    const again = await postJson({ type: "text", text: "Idée A" }, { "idempotency-key": "req-42" });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    const a = (await first.json()) as { input: { id: string } };
    const b = (await again.json()) as { input: { id: string }; duplicate: boolean };
    expect(b).toMatchObject({ duplicate: true, input: { id: a.input.id } });
    // Issue 10, row 12: the same key with another body silently returned the first input.
    const reused = await postJson({ type: "text", text: "Idée A (modifiée)" }, { "idempotency-key": "req-42" });
    expect(reused.status).toBe(422);
    expect(await errorOf(reused)).toMatchObject({ code: "validation", field: "Idempotency-Key", message: expect.stringContaining("Idempotency-Key") });
    const viaBody = await postJson({ type: "text", text: "Idée B", idempotencyKey: "body-1" });
    const viaBodyAgain = await postJson({ type: "text", text: "Idée B", idempotencyKey: "body-1" });
    expect([viaBody.status, viaBodyAgain.status]).toEqual([202, 200]);
    expect((await counts()).inputs).toBe(2);
    // Keys are per organisation: the same key in another organisation is another input.
    const other = await webhook.POST(new Request("http://app.test/x", { method: "POST", headers: { "content-type": "application/json", "x-api-key": otherKey, "idempotency-key": "req-42" }, body: JSON.stringify({ type: "text", text: "Autre" }) }), ctx);
    expect(other.status).toBe(202);
  });

  it("concurrent requests with one idempotency key create one input", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => postJson({ type: "text", text: "Même idée" }, { "idempotency-key": "race-1" })));
    const ids = new Set(await Promise.all(results.map(async (r) => ((await r.json()) as { input: { id: string } }).input.id)));
    expect(results.every((r) => r.status === 200 || r.status === 202)).toBe(true);
    expect(ids.size).toBe(1);
    expect((await counts()).inputs).toBe(1);
  });

  it("stores an audio upload (multipart) with its MediaAsset and file", async () => {
    const form = new FormData();
    form.set("type", "audio");
    form.set("note", "Mémo vocal du salon");
    form.set("file", new File([new Uint8Array(4096).fill(7)], "memo.mp3", { type: "audio/mpeg" }));
    const res = await postForm(form);
    expect(res.status).toBe(202);
    const { input } = (await res.json()) as { input: { id: string } };
    const row = await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id }, include: { mediaAsset: true } });
    expect(row.type).toBe("AUDIO");
    expect(row.mediaAsset).toMatchObject({ kind: "AUDIO", mimeType: "audio/mpeg", sizeBytes: 4096n, organizationId: orgId });
    const { storage } = await import("@/lib/providers/storage");
    expect((await storage().head(row.mediaAsset!.storageKey))?.size).toBe(4096);
  });

  it("an image idea is described (vision through the AI gateway; offline: from caption and probed size) and kept as its text", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const form = new FormData();
    form.set("type", "image");
    form.set("note", "Notre nouvelle collection de coussins en bogolan");
    form.set("file", new File([png], "coussins.png", { type: "image/png" }));
    const res = await postForm(form);
    expect(res.status).toBe(202);
    const { input } = (await res.json()) as { input: { id: string } };
    const { extractInputText } = await import("@/lib/content/ingest/extract-input-text");
    const out = await extractInputText({ organizationId: orgId, inputId: input.id });
    expect(out).toMatchObject({ type: "IMAGE", skipped: false });
    expect(out.chars).toBeGreaterThan(0);
    const row = await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } });
    expect(row.transcription?.length).toBeGreaterThan(0);
    const ledger = await t.db.aiUsageEntry.findMany({ where: { organizationId: orgId, workflowKey: "mkt-101-ingest-input" } });
    expect(ledger.length).toBe(1);
  });

  it("URL inputs: private addresses are refused by default; with URL_FETCH_ALLOW_PRIVATE the page's readable text is extracted", async () => {
    const refused = await postJson({ type: "url", url: `${pageUrl}/article` });
    expect(refused.status).toBe(422);
    // Without Accept-Language or a language cookie the API answers in French (the first language).
    // Issue 10, row 12: "address not allowed" and nothing more (neither the address the host resolved to nor its kind).
    expect(await errorOf(refused)).toMatchObject({ field: "url", message: "Adresse non autorisée" });
    expect(await counts()).toEqual({ inputs: 0, media: 0 });

    process.env.URL_FETCH_ALLOW_PRIVATE = "1";
    resetEnvCache();
    const res = await postJson({ type: "url", url: `${pageUrl}/redirect`, note: "Article presse" });
    expect(res.status).toBe(202);
    const { input } = (await res.json()) as { input: { id: string } };
    const { extractInputText } = await import("@/lib/content/ingest/extract-input-text");
    const out = await extractInputText({ organizationId: orgId, inputId: input.id });
    expect(out.chars).toBeGreaterThan(100);
    const row = await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } });
    expect(row.status).toBe("PROCESSING");
    expect(row.transcription).toContain("Bogolan et hôtellerie");
    expect(row.transcription).toContain("40 coussins teints à la boue");
    expect(row.transcription).toContain("unique & faite main");
    expect(row.transcription).not.toMatch(/alert|Menu Accueil|p\{\}/);
  });
});

describe("MKT-101 webhook: bad input -> 4xx, nothing stored", () => {
  it("refuses URLs to loopback, IPv4-mapped IPv6, metadata and private ranges, and non-http schemes", async () => {
    for (const url of ["http://127.0.0.1/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/latest/meta-data", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/", "http://192.168.1.1/", "http://localhost:3000/", "file:///etc/passwd", "ftp://example.com/"]) {
      const res = await postJson({ type: "url", url });
      expect(res.status, url).toBe(422);
      const err = await errorOf(res);
      expect(err.field, url).toBe("url");
      expect(err.message, url).not.toMatch(/127\.0\.0\.1|::1|169\.254|10\.1\.2\.3|192\.168|loopback|private|metadata/);
    }
    expect(await counts()).toEqual({ inputs: 0, media: 0 });
  });

  it("unknown input type -> 422 naming the field; audio as JSON -> 415 saying to use multipart", async () => {
    const res = await postJson({ type: "video", text: "x" });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ field: "type", message: expect.stringContaining("text, url, audio, image") });
    const audio = await postJson({ type: "audio", text: "x" });
    expect(audio.status).toBe(415);
    expect((await errorOf(audio)).message).toContain("multipart/form-data");
    const unknownField = await postJson({ type: "text", text: "x", priority: "high" });
    expect(unknownField.status).toBe(422);
    expect((await errorOf(unknownField)).field).toBe("priority");
    expect(await counts()).toEqual({ inputs: 0, media: 0 });
  });

  it("oversized: image over 10 MB, JSON over 1 MB, wrong file type -> 413/415 stating the limits", async () => {
    const form = new FormData();
    form.set("type", "image");
    form.set("file", new File([new Uint8Array(10 * 1024 * 1024 + 1)], "big.png", { type: "image/png" }));
    const big = await postForm(form);
    expect(big.status).toBe(413);
    expect((await errorOf(big)).message).toContain("10 Mo");

    const json = await postJson({ type: "text", text: "x".repeat(1024 * 1024 + 10) });
    expect(json.status).toBe(413);
    expect((await errorOf(json)).message).toMatch(/1 Mo.*25 Mo.*10 Mo/);
    const english = await postJson({ type: "text", text: "x".repeat(1024 * 1024 + 10) }, { "accept-language": "en-GB,en;q=0.9" });
    expect(await errorOf(english)).toMatchObject({ code: "payload_too_large", field: "body", message: expect.stringMatching(/1 MB.*25 MB.*10 MB/) });

    const exe = new FormData();
    exe.set("type", "image");
    exe.set("file", new File([new Uint8Array(10)], "x.exe", { type: "application/x-msdownload" }));
    expect((await postForm(exe)).status).toBe(415);
    expect(await counts()).toEqual({ inputs: 0, media: 0 });
  });

  it("missing or invalid API key -> 401", async () => {
    const none = await webhook.POST(new Request("http://app.test/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "text", text: "x" }) }), ctx);
    expect(none.status).toBe(401);
    const bad = await postJson({ type: "text", text: "x" }, { "x-api-key": "me_live_not_a_real_key" });
    expect(bad.status).toBe(401);
    expect((await errorOf(bad)).field).toBe("X-API-Key");
    expect(await counts()).toEqual({ inputs: 0, media: 0 });
  });

  it("rate limited per key: 429 with Retry-After past the limit", async () => {
    process.env.RATE_LIMIT_PUBLIC_PER_MIN = "2";
    resetEnvCache();
    try {
      // 7 requests in a burst against 2 per minute: a token every 30 s, so at most 2 or 3 pass.
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 7; i++) {
        const res = await postJson({ type: "text", text: `burst ${i}` });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after");
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
      expect(await t.db.contentInput.count()).toBe(statuses.filter((s) => s === 202).length);
    } finally {
      delete process.env.RATE_LIMIT_PUBLIC_PER_MIN;
      resetEnvCache();
      // The key's bucket is empty; at the default limit it would take a while to refill for the next tests.
      await t.db.rateLimitBucket.deleteMany({});
    }
  });
});

describe("deprecated alias: POST /api/webhooks/mkt-101", () => {
  it("behaves like /api/webhooks/ideas, says it is deprecated and points at its successor", async () => {
    const alias = await import("@/app/api/webhooks/mkt-101/route");
    const send = () =>
      alias.POST(new Request("http://app.test/api/webhooks/mkt-101", { method: "POST", headers: { "content-type": "application/json", "x-api-key": key, "idempotency-key": "alias-1" }, body: JSON.stringify({ type: "text", text: "Par l'ancienne adresse" }) }), ctx);
    const first = await send();
    expect(first.status).toBe(202);
    expect(first.headers.get("deprecation")).toBe("true");
    expect(first.headers.get("link")).toBe('</api/webhooks/ideas>; rel="successor-version"');
    const again = await send();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect(await t.db.contentInput.count()).toBe(1);
    const noKey = await alias.POST(new Request("http://app.test/api/webhooks/mkt-101", { method: "POST", body: "{}" }), ctx);
    expect(noKey.status).toBe(401);
  });
});

describe("org route: /api/orgs/[org]/content/inputs", () => {
  it("lists the organisation's inputs with their stage; another organisation's slug -> 404", async () => {
    await postJson({ type: "text", text: "Visible" });
    const res = await orgRoute.GET(new Request("http://app.test/api/orgs/atelier/content/inputs", { headers: { "x-api-key": key } }), { params: Promise.resolve({ org: "atelier" }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { inputs: { excerpt: string; stage: string }[] };
    expect(body.inputs).toHaveLength(1);
    expect(body.inputs[0]).toMatchObject({ excerpt: "Visible", stage: "received" });
    const cross = await orgRoute.GET(new Request("http://app.test/api/orgs/atelier/content/inputs", { headers: { "x-api-key": otherKey } }), { params: Promise.resolve({ org: "atelier" }) });
    expect(cross.status).toBe(404);
  });

  it("POST creates an input from the form (API source for a key) and refuses another organisation's brand", async () => {
    const post = (brandId?: string) =>
      orgRoute.POST(
        new Request("http://app.test/api/orgs/atelier/content/inputs", { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify({ type: "text", text: "Depuis le formulaire", ...(brandId ? { brandId } : {}) }) }),
        { params: Promise.resolve({ org: "atelier" }) },
      );
    const ok = await post();
    expect(ok.status).toBe(201);
    const foreign = await t.db.brand.findFirstOrThrow({ where: { slug: "ob" } });
    const res = await post(foreign.id);
    expect(res.status).toBe(404);
    expect(await t.db.contentInput.count()).toBe(1);
    expect((await t.db.contentInput.findFirstOrThrow()).source).toBe("API");
  });
});
