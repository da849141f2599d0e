import type { APIRequestContext } from "@playwright/test";

/**
 * Every route handler file under app/api must be listed here (tests/e2e/api-contract.spec.ts fails
 * otherwise), with what the tenancy and bad-input tests need to exercise each exported method.
 *
 * kind:
 *  - "org": /api/orgs/[org]/... — tenant-scoped: another organisation's slug or resource id -> 404.
 *  - "user": needs a signed-in user, not scoped to an organisation.
 *  - "public" | "auth" | "webhook" | "internal": not tenant-scoped by session (own auth or none).
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Tenant = { ctx: APIRequestContext; slug: string; ids: Record<string, string> };
export type MethodSpec = {
  /** A valid JSON body (for methods that take one). */
  body?: (t: Tenant) => unknown;
  /** A body with a wrong type, and the field the error must name. */
  wrongType?: { body: (t: Tenant) => unknown; field: string };
  /** Counts what the method would create, to prove rejected input wrote nothing. */
  count?: (t: Tenant) => Promise<number>;
};
export type RouteSpec = {
  kind: "org" | "user" | "public" | "auth" | "webhook" | "internal";
  /** Dynamic segments other than [org], filled with a resource that belongs to tenant `t`. */
  params?: (t: Tenant) => Record<string, string>;
  methods: Partial<Record<Method, MethodSpec>>;
};

/** A valid nurture sequence (MKT-303 editor input). */
function sequenceBody() {
  return { name: "Relance e2e", description: null, targetTier: "WARM", status: "DRAFT", autoApprove: false, steps: [{ channel: "EMAIL", mode: "AI", delayMinutes: 0, subject: null, body: "Remercier et proposer un échange." }] };
}

async function countOf(t: Tenant, path: string, key: string): Promise<number> {
  const res = await t.ctx.get(`/api/orgs/${t.slug}/${path}`);
  const body = (await res.json()) as Record<string, unknown[]>;
  return (body[key] ?? []).length;
}

/** Resources each tenant gets before the tests (ids land in Tenant.ids). */
export async function prepareTenant(t: Tenant): Promise<void> {
  const key = await t.ctx.post(`/api/orgs/${t.slug}/api-keys`, { data: { name: "fixture key" } });
  const createdKey = (await key.json()) as { apiKey: { id: string }; key: string };
  t.ids.apiKey = createdKey.apiKey.id;
  // A lead submission of this tenant (MKT-301 webhook with its API key).
  const lead = await t.ctx.post("/api/webhooks/leads", { headers: { "x-api-key": createdKey.key }, data: { name: "Fixture Lead", email: `fixture@${t.slug}.example` } });
  if (lead.status() !== 202) throw new Error(`lead webhook failed: ${lead.status()} ${await lead.text()}`);
  t.ids.leadSubmission = ((await lead.json()) as { submissionId: string }).submissionId;
  // A nurture sequence of this tenant (MKT-303).
  const seq = await t.ctx.post(`/api/orgs/${t.slug}/leads/sequences`, { data: sequenceBody() });
  if (seq.status() !== 201) throw new Error(`sequence create failed: ${seq.status()} ${await seq.text()}`);
  t.ids.sequence = ((await seq.json()) as { sequence: { id: string } }).sequence.id;
  const members = (await (await t.ctx.get(`/api/orgs/${t.slug}/members`)).json()) as { members: { id: string }[] };
  t.ids.member = members.members[0]!.id;
  const brands = (await (await t.ctx.get(`/api/orgs/${t.slug}/brands`)).json()) as { brands: { id: string }[] };
  t.ids.brand = brands.brands[0]!.id;
  // A team note on the trend radar (issue 14).
  const note = await t.ctx.post(`/api/orgs/${t.slug}/war-room/trends`, { data: { title: `Tendance de ${t.slug}` } });
  if (note.status() !== 201) throw new Error(`trend note failed: ${note.status()} ${await note.text()}`);
  t.ids.trendNote = ((await note.json()) as { note: { id: string } }).note.id;
  // A scenario of the assistant (issue 17).
  const sc = await t.ctx.post(`/api/orgs/${t.slug}/scenarios`, { data: { name: `Plan ${t.slug}`, theme: "Salon B2B" } });
  if (sc.status() !== 201) throw new Error(`scenario create failed: ${sc.status()} ${await sc.text()}`);
  t.ids.scenario = ((await sc.json()) as { scenario: { id: string } }).scenario.id;
  // A real workflow run of this tenant: ping the engine, wait for the run to be listed.
  const ping = await t.ctx.post(`/api/orgs/${t.slug}/runs/ping`, { data: {} });
  if (ping.status() !== 202) throw new Error(`ping failed: ${ping.status()} ${await ping.text()}`);
  for (let i = 0; i < 60 && !t.ids.run; i++) {
    const runs = (await (await t.ctx.get(`/api/orgs/${t.slug}/runs`)).json()) as { runs: { id: string }[] };
    t.ids.run = runs.runs[0]?.id;
    if (!t.ids.run) await new Promise((r) => setTimeout(r, 500));
  }
  if (!t.ids.run) throw new Error("no workflow run appeared within 30 s: is the embedded executor running?");
  // A connected account: LinkedIn has no app credentials in the e2e server, so "Connect" adds sandbox accounts.
  const c = await t.ctx.post(`/api/orgs/${t.slug}/connections`, { data: { provider: "linkedin" } });
  if (c.status() !== 201) throw new Error(`sandbox connect failed: ${c.status()} ${await c.text()}`);
  const connected = (await c.json()) as { mode: string; accountIds?: string[] };
  if (connected.mode !== "sandbox" || !connected.accountIds?.[0]) throw new Error(`expected a sandbox connect for LinkedIn, got ${JSON.stringify(connected)}`);
  t.ids.connection = connected.accountIds[0];
  // A media asset (a 1x1 PNG, multipart upload).
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  const m = await t.ctx.post(`/api/orgs/${t.slug}/media`, { multipart: { file: { name: "pixel.png", mimeType: "image/png", buffer: png } } });
  if (m.status() !== 201 && m.status() !== 200) throw new Error(`media upload failed: ${m.status()} ${await m.text()}`);
  t.ids.media = ((await m.json()) as { asset: { id: string } }).asset.id;
  // Content of this tenant: an idea goes through MKT-101..104 (starter brand, sandbox LinkedIn) to a
  // pending approval of a generated piece.
  const idea = await t.ctx.post(`/api/orgs/${t.slug}/content/inputs`, { data: { type: "text", text: `Idée de test pour ${t.slug} : nos artisanes racontent leur savoir-faire.` } });
  if (idea.status() !== 201) throw new Error(`idea failed: ${idea.status()} ${await idea.text()}`);
  for (let i = 0; i < 120 && !t.ids.approval; i++) {
    const res = (await (await t.ctx.get(`/api/orgs/${t.slug}/approvals`)).json()) as { approvals: { id: string; piece: { id: string } | null }[] };
    const pending = res.approvals.find((a) => a.piece);
    if (pending) {
      t.ids.approval = pending.id;
      t.ids.contentPiece = pending.piece!.id;
    } else await new Promise((r) => setTimeout(r, 500));
  }
  if (!t.ids.approval) throw new Error("no approval request appeared within 60 s for the fixture idea");
  // A publication of this tenant: approving the piece resumes MKT-104, then MKT-106 schedules the piece (and any
  // variant) on the sandbox account, at the next slot an hour or more ahead, so it stays SCHEDULED during the tests.
  // The organisation is new: whatever publication it has comes from this piece. From here on the approval is
  // decided; the approval routes' checks answer 404 or are refused while parsing, so that changes none of them.
  const approve = await t.ctx.post(`/api/orgs/${t.slug}/approvals/${t.ids.approval}/decision`, { data: { decision: "APPROVE" } });
  if (approve.status() !== 200) throw new Error(`approving the fixture piece failed: ${approve.status()} ${await approve.text()}`);
  const window = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60 * 86_400_000).toISOString()}`;
  for (let i = 0; i < 180 && !t.ids.publication; i++) {
    const res = await t.ctx.get(`/api/orgs/${t.slug}/publications?${window}`);
    if (res.status() !== 200) throw new Error(`publications calendar failed: ${res.status()} ${await res.text()}`);
    const { publications } = (await res.json()) as { publications: { id: string; status: string }[] };
    const pub = publications.find((p) => p.status === "SCHEDULED");
    if (pub) t.ids.publication = pub.id;
    else await new Promise((r) => setTimeout(r, 500));
  }
  if (!t.ids.publication) throw new Error("no publication was scheduled within 90 s after approving the fixture piece");
}

/** A resource id prepareTenant made for this tenant; a missing one fails the test instead of quietly answering 404. */
function fixture(t: Tenant, key: string): string {
  const id = t.ids[key];
  if (!id) throw new Error(`tenant ${t.slug} has no "${key}" fixture: prepareTenant must create one`);
  return id;
}

export const ROUTES: Record<string, RouteSpec> = {
  "app/api/health/route.ts": { kind: "public", methods: { GET: {} } },
  // The Inngest serve endpoint and the executor's event API authenticate with secrets derived from AUTH_SECRET.
  "app/api/inngest/route.ts": { kind: "internal", methods: { GET: {}, POST: {}, PUT: {} } },
  "app/api/runtime/e/[key]/route.ts": { kind: "internal", methods: { POST: {} } },
  // npm run bench:leads' baseline; 404 unless the server runs with BENCH_NOOP_ROUTE=1.
  "app/api/bench/noop/route.ts": { kind: "internal", methods: { POST: {} } },
  // Prometheus metrics for the operator's scraper: 404 unless METRICS_TOKEN is set, then a bearer token (tests/integration/observability/metrics.test.ts).
  "app/api/metrics/route.ts": { kind: "internal", methods: { GET: {} } },
  // npm run bench:sse's baseline; 404 unless the server runs with BENCH_SSE_ROUTE=1.
  "app/api/bench/sse/route.ts": { kind: "internal", methods: { GET: {}, POST: {} } },
  "app/api/media/[...key]/route.ts": { kind: "public", methods: { GET: {} } },
  "app/api/auth/[...nextauth]/route.ts": { kind: "auth", methods: { GET: {}, POST: {} } },
  "app/api/sign-up/route.ts": {
    kind: "public",
    methods: { POST: { body: () => ({ name: "X", email: `x-${Date.now()}@example.test`, password: "long enough password" }), wrongType: { body: () => ({ name: "X", email: 42, password: "long enough password" }), field: "email" } } },
  },
  // Ends the caller's own sessions: called with a session of its own (tests/e2e/security.spec.ts), never the shared one.
  "app/api/account/sign-out-everywhere/route.ts": { kind: "user", methods: { POST: {} } },
  // A wrong current password (422): never changes the shared user's password; tests/e2e/security.spec.ts changes its own.
  "app/api/account/password/route.ts": {
    kind: "user",
    methods: { POST: { body: () => ({ currentPassword: "not the password", newPassword: "another long password" }), wrongType: { body: () => ({ currentPassword: "x", newPassword: 12 }), field: "newPassword" } } },
  },
  "app/api/orgs/route.ts": {
    kind: "user",
    methods: {
      GET: {},
      POST: {
        body: () => ({ name: "Bad input org" }),
        wrongType: { body: () => ({ name: ["not", "a", "string"] }), field: "name" },
        count: async (t) => ((await (await t.ctx.get("/api/orgs")).json()) as { organizations: unknown[] }).organizations.length,
      },
    },
  },
  "app/api/orgs/[org]/route.ts": {
    kind: "org",
    methods: { GET: {}, PATCH: { body: () => ({ timezone: "Africa/Dakar" }), wrongType: { body: () => ({ timezone: "Mars/Olympus" }), field: "timezone" } } },
  },
  "app/api/webhooks/ideas/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/openapi.json/route.ts": { kind: "public", methods: { GET: {} } },
  "app/api/webhooks/leads/route.ts": { kind: "webhook", methods: { POST: {} } },
  // MKT-303: the signed unsubscribe link (token in the path, no session).
  "app/api/unsubscribe/[token]/route.ts": { kind: "public", params: () => ({ token: "invalid.token" }), methods: { GET: {}, POST: {} } },
  "app/api/webhooks/meta/route.ts": { kind: "webhook", methods: { GET: {}, POST: {} } },
  "app/api/webhooks/x/route.ts": { kind: "webhook", methods: { GET: {}, POST: {} } },
  "app/api/webhooks/google-ads-leads/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/webhooks/tiktok-leads/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/orgs/[org]/leads/sources/google-key/route.ts": { kind: "org", methods: { POST: {} } },
  "app/api/orgs/[org]/leads/sources/test-lead/route.ts": { kind: "org", methods: { POST: { body: () => ({ source: "google_ads" }) } } },
  "app/api/webhooks/email-inbound/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/webhooks/agent-execution/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/webhooks/agent-error/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/orgs/[org]/leads/[id]/replies/simulate/route.ts": { kind: "org", params: () => ({ id: "no-such-lead" }), methods: { POST: { body: () => ({ text: "Bonjour, intéressé !" }) } } },
  "app/api/orgs/[org]/leads/submissions/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/leads/imports/route.ts": { kind: "org", methods: { POST: {} } },
  "app/api/orgs/[org]/leads/imports/preview/route.ts": { kind: "org", methods: { POST: {} } },
  // A stuck reply needs a failed or 15-minute-old processing: no fixture here; tests/integration/leads/replies.test.ts
  // re-processes one and refuses another organisation's (404) and a processed one (409).
  "app/api/orgs/[org]/leads/replies/[id]/reprocess/route.ts": { kind: "org", methods: { POST: {} } },
  "app/api/orgs/[org]/leads/submissions/[id]/reprocess/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "leadSubmission") }), methods: { POST: {} } },
  "app/api/orgs/[org]/leads/sequences/route.ts": {
    kind: "org",
    methods: { GET: {}, POST: { body: sequenceBody, wrongType: { body: () => ({ ...sequenceBody(), steps: [{ ...sequenceBody().steps[0], delayMinutes: "soon" }] }), field: "steps.0.delayMinutes" }, count: (t) => countOf(t, "leads/sequences", "sequences") } },
  },
  "app/api/orgs/[org]/leads/sequences/[id]/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "sequence") }),
    methods: { GET: {}, PUT: { body: sequenceBody, wrongType: { body: () => ({ ...sequenceBody(), name: 12 }), field: "name" } } },
  },
  // Agents (issue 16): an agent id that exists nowhere (404 for every tenant); bodies are parsed before the lookup.
  "app/api/orgs/[org]/agents/[id]/status/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-agent" }),
    methods: { PATCH: { body: () => ({ status: "INACTIVE" }), wrongType: { body: () => ({ status: "OFF" }), field: "status" } } },
  },
  "app/api/orgs/[org]/agents/[id]/executions/route.ts": { kind: "org", params: () => ({ id: "no-such-agent" }), methods: { GET: {} } },
  "app/api/orgs/[org]/agents/[id]/logs/route.ts": { kind: "org", params: () => ({ id: "no-such-agent" }), methods: { GET: {} } },
  "app/api/orgs/[org]/agents/[id]/config/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-agent" }),
    methods: { PUT: { body: () => ({ config: {} }), wrongType: { body: () => ({ config: "none" }), field: "config" } } },
  },
  "app/api/orgs/[org]/agents/[id]/config/rollback/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-agent" }),
    methods: { POST: { body: () => ({ version: 1 }), wrongType: { body: () => ({ version: "one" }), field: "version" } } },
  },
  "app/api/orgs/[org]/agents/[id]/run/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-agent" }),
    methods: { POST: { body: () => ({}), wrongType: { body: () => ({ now: true }), field: "now" } } },
  },
  // Install from the catalogue: a template slug that exists nowhere (404 for every tenant); the body is parsed first.
  "app/api/orgs/[org]/agents/templates/[slug]/install/route.ts": {
    kind: "org",
    params: () => ({ slug: "no-such-template" }),
    methods: { POST: { body: () => ({}), wrongType: { body: () => ({ force: true }), field: "force" } } },
  },
  "app/api/orgs/[org]/leads/[id]/sequences/stop/route.ts": { kind: "org", params: () => ({ id: "no-such-lead" }), methods: { POST: {} } },
  // The pipeline board's stage move (a lead id that exists nowhere: 404 for every tenant) and the CSV export.
  "app/api/orgs/[org]/leads/[id]/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-lead" }),
    methods: { PATCH: { body: () => ({ status: "OPPORTUNITY" }), wrongType: { body: () => ({ status: "WON" }), field: "status" } } },
  },
  "app/api/orgs/[org]/leads/export/route.ts": { kind: "org", methods: { GET: {} } },
  // MKT-402: the Analytics page's report, CSV export and "Recompute" (backfill of a date range).
  "app/api/orgs/[org]/analytics/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/analytics/export/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/analytics/backfills/route.ts": {
    kind: "org",
    methods: { GET: {}, POST: { body: () => ({ from: "2026-11-01", to: "2026-11-02" }), wrongType: { body: () => ({ from: 42, to: "2026-11-02" }), field: "from" } } },
  },
  // MKT-307: conversions signed with the organisation's Standard Webhooks secret; Mark won / undo on a lead; settings.
  "app/api/webhooks/conversions/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/orgs/[org]/leads/[id]/conversions/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-lead" }),
    methods: { POST: { body: () => ({ value: 100, currency: "EUR" }), wrongType: { body: () => ({ value: "cent", currency: "EUR" }), field: "value" } } },
  },
  "app/api/orgs/[org]/leads/[id]/conversions/[conversionId]/route.ts": { kind: "org", params: () => ({ id: "no-such-lead", conversionId: "no-such-conversion" }), methods: { DELETE: {} } },
  "app/api/orgs/[org]/leads/conversion-secret/route.ts": { kind: "org", methods: { GET: {}, POST: {} } },
  "app/api/orgs/[org]/leads/attribution-model/route.ts": {
    kind: "org",
    methods: { PUT: { body: () => ({ model: "linear" }), wrongType: { body: () => ({ model: "magic" }), field: "model" } } },
  },
  // The human yes on a nurture message: a message id that exists nowhere is a 404 for every tenant.
  "app/api/orgs/[org]/leads/messages/[id]/decision/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-message" }),
    methods: { POST: { body: () => ({ decision: "APPROVE", hash: "0".repeat(64) }), wrongType: { body: () => ({ decision: "APPROVE", hash: 7 }), field: "hash" } } },
  },
  // MKT-305: the lead's booking page posts its signed token (no session); Cal.com's signed webhook; booking settings.
  "app/api/book/route.ts": { kind: "public", methods: { POST: {} } },
  "app/api/webhooks/cal/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/orgs/[org]/booking-settings/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/booking-settings/working-hours/route.ts": {
    kind: "org",
    methods: { PUT: { body: () => ({ days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080, timezone: "Europe/Paris" }), wrongType: { body: () => ({ days: [1], startMinute: "nine", endMinute: 1080, timezone: "Europe/Paris" }), field: "startMinute" } } },
  },
  "app/api/orgs/[org]/booking-settings/calcom/route.ts": { kind: "org", methods: { PUT: { body: () => ({ eventTypeId: 10 }), wrongType: { body: () => ({ eventTypeId: "ten" }), field: "eventTypeId" } } } },
  // Deprecated alias of /api/webhooks/ideas.
  "app/api/webhooks/mkt-101/route.ts": { kind: "webhook", methods: { POST: {} } },
  "app/api/orgs/[org]/content/inputs/route.ts": {
    kind: "org",
    methods: {
      GET: {},
      POST: { body: () => ({ type: "text", text: "Une idée de contenu" }), wrongType: { body: () => ({ type: "text", text: 42 }), field: "text" }, count: (t) => countOf(t, "content/inputs", "inputs") },
    },
  },
  "app/api/orgs/[org]/api-keys/route.ts": {
    kind: "org",
    methods: {
      GET: {},
      POST: { body: () => ({ name: "k" }), wrongType: { body: () => ({ name: 12 }), field: "name" }, count: (t) => countOf(t, "api-keys", "apiKeys") },
    },
  },
  "app/api/orgs/[org]/api-keys/[id]/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "apiKey") }), methods: { DELETE: {} } },
  "app/api/orgs/[org]/members/route.ts": {
    kind: "org",
    methods: {
      GET: {},
      POST: {
        body: () => ({ email: `invitee-${Date.now()}@example.test`, role: "EDITOR" }),
        wrongType: { body: () => ({ email: "invitee@example.test", role: "GOD" }), field: "role" },
        count: async (t) => ((await (await t.ctx.get(`/api/orgs/${t.slug}/members`)).json()) as { invitations: unknown[] }).invitations.length,
      },
    },
  },
  "app/api/orgs/[org]/members/[id]/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "member") }),
    methods: { PATCH: { body: () => ({ role: "OWNER" }), wrongType: { body: () => ({ role: 3 }), field: "role" } }, DELETE: {} },
  },
  "app/api/orgs/[org]/brands/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/brands/[id]/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "brand") }),
    methods: {
      GET: {},
      PATCH: { body: () => ({ voice: "Chaleureuse et précise" }), wrongType: { body: () => ({ voice: "ok", countries: ["France"] }), field: "countries.0" } },
    },
  },
  "app/api/orgs/[org]/outbox/route.ts": { kind: "org", methods: { GET: {} } },
  // Settings → Advertising (issue 13): caps and MKT-206 auto-apply, the owner only (tests/integration/ads/ad-settings.test.ts in depth).
  "app/api/orgs/[org]/ad-settings/route.ts": {
    kind: "org",
    methods: { GET: {}, PATCH: { body: () => ({ autoApply: false }), wrongType: { body: () => ({ monthlyCapMinor: "1000" }), field: "monthlyCapMinor" } } },
  },
  "app/api/orgs/[org]/runs/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/runs/ping/route.ts": {
    kind: "org",
    methods: { POST: { body: () => ({ message: "hello" }), wrongType: { body: () => ({ message: 42 }), field: "message" } } },
  },
  "app/api/orgs/[org]/runs/[runId]/route.ts": { kind: "org", params: (t) => ({ runId: fixture(t, "run") }), methods: { GET: {} } },
  "app/api/orgs/[org]/runs/[runId]/cancel/route.ts": { kind: "org", params: (t) => ({ runId: fixture(t, "run") }), methods: { POST: {} } },
  "app/api/orgs/[org]/runs/[runId]/rerun/route.ts": { kind: "org", params: (t) => ({ runId: fixture(t, "run") }), methods: { POST: {} } },
  "app/api/orgs/[org]/notifications/route.ts": { kind: "org", methods: { GET: {} } },
  // Server-Sent Events: only its refusals (401 / 404) are fetched here; tests/integration/live/stream.test.ts reads the stream.
  "app/api/orgs/[org]/stream/route.ts": { kind: "org", methods: { GET: {} } },
  // Issue 14: seed 001's War Room API (tests/integration/warroom/war-room-api.test.ts reads it in depth).
  "app/api/orgs/[org]/war-room/state/route.ts": { kind: "org", methods: { GET: {} } },
  // [key] is a catalogue key, not a tenant's resource: left unfilled (an unknown key is a 404 after the body checks).
  "app/api/orgs/[org]/war-room/automations/[key]/route.ts": {
    kind: "org",
    methods: { POST: { body: () => ({ enabled: true }), wrongType: { body: () => ({ enabled: "yes" }), field: "enabled" } } },
  },
  // A dead letter needs 24 h of an unconsumed agent message: no fixture here; tests/integration/agents/agent-messages.test.ts
  // retries one and refuses another organisation's (404) and a consumed one (409).
  "app/api/orgs/[org]/war-room/dead-letters/[id]/retry/route.ts": { kind: "org", methods: { POST: {} } },
  // MKT-403 weekly reports. "Generate now" is durable (202, the report appears later), so no count here; a report needs
  // a finished run: no fixture, tests/integration/analytics/weekly-report.test.ts reads one and refuses another organisation's (404).
  "app/api/orgs/[org]/war-room/reports/route.ts": {
    kind: "org",
    methods: { GET: {}, POST: { body: () => ({}), wrongType: { body: () => ({ weekStart: 20261123 }), field: "weekStart" } } },
  },
  "app/api/orgs/[org]/war-room/reports/[id]/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/war-room/reports/[id]/pdf/route.ts": { kind: "org", methods: { GET: {} } },
  // External agents: both URLs and the signing secret (admins, signed in), renewable.
  "app/api/orgs/[org]/agents/external/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/agents/external/secret/route.ts": { kind: "org", methods: { POST: {} } },
  // Issue 17, the scenario assistant (tests/integration/assistant/scenarios-api.test.ts reads every endpoint in depth).
  "app/api/orgs/[org]/scenarios/route.ts": {
    kind: "org",
    methods: {
      GET: {},
      POST: { body: () => ({ name: "Lancement", theme: "Salon" }), wrongType: { body: () => ({ name: "Lancement", theme: 42 }), field: "theme" }, count: (t) => countOf(t, "scenarios", "items") },
    },
  },
  "app/api/orgs/[org]/scenarios/[id]/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "scenario") }), methods: { GET: {} } },
  "app/api/orgs/[org]/scenarios/[id]/export/csv/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "scenario") }), methods: { GET: {} } },
  "app/api/orgs/[org]/scenarios/[id]/export/json/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "scenario") }), methods: { GET: {} } },
  "app/api/orgs/[org]/scenarios/[id]/objectives/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "scenario") }),
    methods: { POST: { body: () => ({ label: "Cent rendez-vous", priority: 1 }), wrongType: { body: () => ({ label: "Cent rendez-vous", priority: "first" }), field: "priority" } } },
  },
  "app/api/orgs/[org]/scenarios/[id]/targets/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "scenario") }),
    methods: { POST: { body: () => ({ label: `Directeurs d'hôtel ${Date.now()}` }), wrongType: { body: () => ({ label: 7 }), field: "label" } } },
  },
  "app/api/orgs/[org]/scenarios/[id]/resources/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "scenario") }),
    methods: { POST: { body: () => ({ type: "ARTICLE", title: "Étude du marché" }), wrongType: { body: () => ({ type: "ARTICLE", title: 12 }), field: "title" } } },
  },
  "app/api/orgs/[org]/scenarios/[id]/targets/suggestions/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "scenario") }), methods: { POST: { body: () => ({}) } } },
  "app/api/orgs/[org]/scenarios/[id]/plan/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "scenario") }), methods: { POST: { body: () => ({}) } } },
  // [rowId] needs a generated plan: left unfilled (an unknown row is a 404 after the scenario's own check).
  "app/api/orgs/[org]/scenarios/[id]/plan/rows/[rowId]/idea/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "scenario") }), methods: { POST: { body: () => ({}) } } },
  "app/api/orgs/[org]/scenarios/examples/route.ts": { kind: "org", methods: { GET: {} } },
  // [key] is a catalogue key of the five examples, not a tenant's resource.
  "app/api/orgs/[org]/scenarios/examples/[key]/route.ts": { kind: "org", methods: { POST: { body: () => ({}) } } },
  "app/api/orgs/[org]/scenarios/import/route.ts": {
    kind: "org",
    methods: {
      POST: {
        body: () => ({ format: "marketing-engine/scenario@1", scenario: { name: "Importé", theme: "Salon", description: null, status: "DRAFT", objectives: [], targets: [], resources: [], plan: null } }),
        wrongType: { body: () => ({ format: "marketing-engine/scenario@1", scenario: { name: 5, theme: "Salon", description: null, status: "DRAFT", objectives: [], targets: [], resources: [], plan: null } }), field: "scenario.name" },
      },
    },
  },
  "app/api/orgs/[org]/assistant/chat/route.ts": { kind: "org", methods: { POST: { body: () => ({ intent: "welcome" }), wrongType: { body: () => ({ intent: "welcome", message: 3 }), field: "message" } } } },
  "app/api/orgs/[org]/assistant/search/route.ts": { kind: "org", methods: { POST: { body: (t) => ({ scenarioId: fixture(t, "scenario") }), wrongType: { body: () => ({ scenarioId: 9 }), field: "scenarioId" } } } },
  // Comments under our publications (issue 15): a new tenant has none, so the [id] routes answer 404 for an unknown id.
  "app/api/orgs/[org]/inbox/comments/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/inbox/kpis/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/inbox/topics/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/inbox/comments/poll/route.ts": { kind: "org", methods: { POST: { body: () => ({}), wrongType: { body: () => ({ force: true }), field: "force" } } } },
  "app/api/orgs/[org]/inbox/comments/[id]/reply/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-comment" }),
    methods: { POST: { body: () => ({ text: "Merci pour votre message !" }), wrongType: { body: () => ({ text: 42 }), field: "text" } } },
  },
  "app/api/orgs/[org]/inbox/comments/[id]/hide/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-comment" }),
    methods: { POST: { body: () => ({ hidden: true }), wrongType: { body: () => ({ hidden: "yes" }), field: "hidden" } } },
  },
  // Conversations, replies, rules and the AI control (issue 15): a new tenant has no conversation, so its [id] routes answer 404.
  "app/api/orgs/[org]/inbox/conversations/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/inbox/conversations/[id]/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-conversation" }),
    methods: { GET: {}, PATCH: { body: () => ({ status: "CLOSED" }), wrongType: { body: () => ({ status: 3 }), field: "status" } } },
  },
  "app/api/orgs/[org]/inbox/conversations/[id]/reply/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-conversation" }),
    methods: { POST: { body: () => ({ text: "Merci pour votre message !" }), wrongType: { body: () => ({ text: 42 }), field: "text" } } },
  },
  "app/api/orgs/[org]/inbox/conversations/[id]/notes/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-conversation" }),
    methods: { POST: { body: () => ({ text: "À rappeler demain" }), wrongType: { body: () => ({ text: 42 }), field: "text" } } },
  },
  "app/api/orgs/[org]/inbox/saved-replies/route.ts": { kind: "org", methods: { GET: {}, POST: { body: () => ({ title: "Horaires", text: "Ouvert du lundi au samedi." }), wrongType: { body: () => ({ title: 1, text: "x" }), field: "title" } } } },
  "app/api/orgs/[org]/inbox/saved-replies/[id]/route.ts": { kind: "org", params: () => ({ id: "no-such-reply" }), methods: { DELETE: {} } },
  "app/api/orgs/[org]/inbox/rules/route.ts": { kind: "org", methods: { GET: {}, POST: { body: () => ({ name: "Spam", action: "IGNORE", keywords: ["crypto"] }), wrongType: { body: () => ({ name: "Spam", action: "NOPE" }), field: "action" } } } },
  "app/api/orgs/[org]/inbox/rules/[id]/route.ts": {
    kind: "org",
    params: () => ({ id: "no-such-rule" }),
    methods: { PATCH: { body: () => ({ enabled: false }), wrongType: { body: () => ({ enabled: "no" }), field: "enabled" } }, DELETE: {} },
  },
  "app/api/orgs/[org]/inbox/ai-control/route.ts": { kind: "org", methods: { GET: {}, PUT: { body: () => ({ enabled: false }), wrongType: { body: () => ({ enabled: "off" }), field: "enabled" } } } },
  "app/api/orgs/[org]/war-room/health/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/war-room/trends/route.ts": {
    kind: "org",
    methods: {
      GET: {},
      POST: {
        body: () => ({ title: "Les carrousels avant / après", source: "TEAM_NOTE" }),
        wrongType: { body: () => ({ title: "Les carrousels", expiresInDays: "seven" }), field: "expiresInDays" },
        count: (t) => countOf(t, "war-room/trends", "notes"),
      },
    },
  },
  "app/api/orgs/[org]/war-room/trends/[id]/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "trendNote") }), methods: { DELETE: {} } },
  "app/api/orgs/[org]/notifications/read/route.ts": {
    kind: "org",
    methods: { POST: { body: () => ({ ids: [] }), wrongType: { body: () => ({ ids: "all" }), field: "ids" } } },
  },
  // MKT-107 publishing. The publication id is the fixture piece's, scheduled by MKT-106 when prepareTenant approves it.
  "app/api/orgs/[org]/content/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/publications/route.ts": {
    kind: "org",
    methods: {
      GET: {},
      // The composer: the e2e user is an owner, so a valid post is approved by its author and scheduled on the tenant's sandbox account.
      POST: {
        body: (t) => ({ text: "Un post écrit à la main.", accountIds: [fixture(t, "connection")], scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }),
        wrongType: { body: (t) => ({ text: 42, accountIds: [fixture(t, "connection")], publishNow: true }), field: "text" },
        count: (t) => countOf(t, `publications?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60 * 86_400_000).toISOString()}`, "publications"),
      },
    },
  },
  "app/api/orgs/[org]/publications/assist/route.ts": {
    kind: "org",
    methods: { POST: { body: () => ({ action: "shorten", text: "Nos artisanes racontent leur savoir-faire, pièce après pièce." }), wrongType: { body: () => ({ action: "dance", text: "x" }), field: "action" } } },
  },
  "app/api/orgs/[org]/publications/queue/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/publications/[id]/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "publication") }),
    methods: { PATCH: { body: () => ({ scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }), wrongType: { body: () => ({ scheduledAt: 42 }), field: "scheduledAt" } } },
  },
  "app/api/orgs/[org]/publications/[id]/cancel/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "publication") }),
    methods: { POST: { body: () => ({}), wrongType: { body: () => ({ series: "yes" }), field: "series" } } },
  },
  // Retry answers 409 for the fixture's SCHEDULED publication (only FAILED is retried); foreign ids 404.
  "app/api/orgs/[org]/publications/[id]/retry/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "publication") }), methods: { POST: { body: () => ({}) } } },
  "app/api/orgs/[org]/publications/[id]/timeline/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "publication") }), methods: { GET: {} } },
  // MKT-104/105 approvals. The fixture idea's approval request (prepareTenant approves it to get a publication).
  "app/api/orgs/[org]/approvals/route.ts": { kind: "org", methods: { GET: {} } },
  "app/api/orgs/[org]/approvals/[id]/decision/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "approval") }),
    methods: { POST: { body: () => ({ decision: "APPROVE" }), wrongType: { body: () => ({ decision: "MAYBE" }), field: "decision" } } },
  },
  // Issue 9: inline edit of one network's version (a new revision); the fixture request is decided by then (409).
  "app/api/orgs/[org]/approvals/[id]/revisions/[platform]/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "approval"), platform: "LINKEDIN" }),
    methods: { PATCH: { body: () => ({ text: "Bonjour" }), wrongType: { body: () => ({ text: 42 }), field: "text" } } },
  },
  "app/api/orgs/[org]/approvals/bulk/route.ts": {
    kind: "org",
    methods: { POST: { body: (t) => ({ ids: [fixture(t, "approval")], decision: "REJECT" }), wrongType: { body: () => ({ ids: "all", decision: "REJECT" }), field: "ids" } } },
  },
  // Issue 13 (Amplification Engine): "Amplifier" on the fixture piece; a proposal's revision (the tenant has no campaign: any id of another tenant is a 404).
  "app/api/orgs/[org]/campaigns/proposals/route.ts": {
    kind: "org",
    methods: { POST: { body: (t) => ({ contentPieceId: fixture(t, "contentPiece") }), wrongType: { body: () => ({ contentPieceId: 42 }), field: "contentPieceId" } } },
  },
  "app/api/orgs/[org]/campaigns/[id]/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "contentPiece") }),
    methods: { PATCH: { body: () => ({ dailyBudgetMinor: 1000 }), wrongType: { body: () => ({ dailyBudgetMinor: "lots" }), field: "dailyBudgetMinor" } } },
  },
  // "Run research now" (MKT-201 on demand): the tenant watches no competitor, so the valid body is a 409 that starts nothing.
  "app/api/orgs/[org]/competitors/research/route.ts": {
    kind: "org",
    methods: { POST: { body: () => ({}), wrongType: { body: () => ({ brandId: 42 }), field: "brandId" } } },
  },
  "app/api/orgs/[org]/campaigns/[id]/launch/route.ts": {
    kind: "org",
    params: (t) => ({ id: fixture(t, "contentPiece") }),
    methods: { POST: { body: () => ({}), wrongType: { body: () => ({ force: true }), field: "force" } } },
  },
  // Signed one-click email links (token in the body) and Slack interactivity (v0 signature): own auth, no session.
  "app/api/approvals/email/route.ts": { kind: "public", methods: { POST: {} } },
  "app/api/slack/interactivity/route.ts": { kind: "webhook", methods: { POST: {} } },
  // Issue 4: OAuth connections. The callback is reached by the browser coming back from the provider (state + browser binding, no session).
  "app/api/oauth/[provider]/callback/route.ts": { kind: "public", params: () => ({ provider: "x" }), methods: { GET: {} } },
  "app/api/orgs/[org]/connections/route.ts": {
    kind: "org",
    methods: {
      GET: {},
      POST: { body: () => ({ provider: "linkedin" }), wrongType: { body: () => ({ provider: 12 }), field: "provider" }, count: (t) => countOf(t, "connections", "accounts") },
    },
  },
  "app/api/orgs/[org]/connections/[accountId]/route.ts": { kind: "org", params: (t) => ({ accountId: fixture(t, "connection") }), methods: { DELETE: {} } },
  "app/api/orgs/[org]/connections/pending/[stateId]/route.ts": {
    kind: "org",
    params: () => ({ stateId: "ost_missing" }),
    methods: { GET: {}, POST: { body: () => ({ externalIds: ["x:1"] }), wrongType: { body: () => ({ externalIds: "x" }), field: "externalIds" } } },
  },
  // Issue 5: media library (multipart upload, streamed) and content metrics (MKT-108).
  "app/api/orgs/[org]/media/route.ts": { kind: "org", methods: { GET: {}, POST: {} } },
  "app/api/orgs/[org]/media/[id]/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "media") }), methods: { GET: {}, DELETE: {} } },
  // The fixture idea's generated piece (MKT-101..103).
  "app/api/orgs/[org]/content/[id]/metrics/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "contentPiece") }), methods: { GET: {} } },
  // "Collect metrics now" (body `{}`, no field to get wrong); bad input is refused before the lookup.
  "app/api/orgs/[org]/content/[id]/metrics/collect/route.ts": { kind: "org", params: (t) => ({ id: fixture(t, "contentPiece") }), methods: { POST: { body: () => ({}) } } },
};
