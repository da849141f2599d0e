import { createHmac, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "inngest/next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptAccountToken } from "@/lib/crypto/account-secrets";
import { resetEnvCache } from "@/lib/env";
import { ensureSourceSecret } from "@/lib/leads/capture/source-secrets";
import { createApiKey } from "@/lib/orgs/api-keys";
import { Executor } from "@/lib/runtime/executor";
import { resetClock } from "@/lib/runtime/clock";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createMetaFake, META_CLIENT, metaErrors, type MetaFake } from "@/tests/fakes/meta";
import { FAST, quietLogger, until, type AppServer } from "@/tests/integration/runtime/harness";
import { startEventServer, stopEventServer } from "@/tests/integration/approvals/support";

/**
 * MKT-301 end to end through the real route handlers, the embedded executor running
 * mkt-301-process-lead, and the Meta Graph fake: every source's payload shapes -> one normalised
 * lead (local phone numbers of France, Sénégal and Côte d'Ivoire), one person from three sources ->
 * one lead with every field and three touchpoints, signatures and keys checked before anything is
 * stored, replays storing nothing, failures visible and re-processable.
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;
let dataDir: string;
let meta: MetaFake;
let key: string;
let orgId: string;
let slug: string;
let googleKey: string;
let leadsRoute: typeof import("@/app/api/webhooks/leads/route");
let metaRoute: typeof import("@/app/api/webhooks/meta/route");
let googleRoute: typeof import("@/app/api/webhooks/google-ads-leads/route");
let submissionsRoute: typeof import("@/app/api/orgs/[org]/leads/submissions/route");
let reprocessRoute: typeof import("@/app/api/orgs/[org]/leads/submissions/[id]/reprocess/route");

const APP_SECRET = META_CLIENT.clientSecret;
const PAGE_ID = "1001";

beforeAll(async () => {
  resetClock();
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-leads-"));
  meta = createMetaFake();
  await meta.server.start();
  server = await startEventServer();
  process.env.DATA_DIR = dataDir;
  process.env.META_APP_ID = META_CLIENT.clientId;
  process.env.META_APP_SECRET = APP_SECRET;
  process.env.META_WEBHOOK_VERIFY_TOKEN = "verify-me";
  process.env.PLATFORM_BASE_URLS = JSON.stringify({ meta: meta.server.url });
  resetEnvCache();
  const { inngest } = await import("@/inngest/client");
  const { functions } = await import("@/inngest/index");
  server.setHandlers(serve({ client: inngest, functions: functions.filter((f) => f.id() === "mkt-301-process-lead") }) as never);
  executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
  leadsRoute = await import("@/app/api/webhooks/leads/route");
  metaRoute = await import("@/app/api/webhooks/meta/route");
  googleRoute = await import("@/app/api/webhooks/google-ads-leads/route");
  submissionsRoute = await import("@/app/api/orgs/[org]/leads/submissions/route");
  reprocessRoute = await import("@/app/api/orgs/[org]/leads/submissions/[id]/reprocess/route");

  const org = await t.db.organization.create({ data: { name: "Atelier Sahel", slug: `sahel-${randomUUID().slice(0, 6)}` } });
  orgId = org.id;
  slug = org.slug;
  key = (await createApiKey({ organizationId: orgId, name: "site" })).key;
  googleKey = (await ensureSourceSecret({ organizationId: orgId, type: "GOOGLE_LEAD_ADS" })).secret;
  const { pageToken } = meta.consent();
  const accountId = `acc_${randomUUID().slice(0, 8)}`;
  await t.db.socialAccount.create({
    data: { id: accountId, organizationId: orgId, platform: "FACEBOOK", externalId: PAGE_ID, name: "Atelier Sahel Page", accessTokenEnc: encryptAccountToken(orgId, accountId, "accessToken", pageToken), tokenExpiresAt: new Date(Date.now() + 3600_000) },
  });
}, 120_000);

afterAll(async () => {
  await executor?.stop(2_000);
  await stopEventServer(server);
  await meta?.server.stop();
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
  for (const k of ["DATA_DIR", "META_APP_ID", "META_APP_SECRET", "META_WEBHOOK_VERIFY_TOKEN", "PLATFORM_BASE_URLS"]) delete process.env[k];
  resetEnvCache();
});

const ctx = { params: Promise.resolve({}) };

function postLead(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return leadsRoute.POST(
    new Request("http://app.test/api/webhooks/leads", { method: "POST", headers: { "content-type": "application/json", "x-api-key": key, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }),
    ctx,
  );
}

const sign = (raw: string, secret = APP_SECRET) => `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;

function postMeta(raw: string, headers: Record<string, string> | null = null): Promise<Response> {
  return metaRoute.POST(new Request("http://app.test/api/webhooks/meta", { method: "POST", headers: { "content-type": "application/json", ...(headers ?? { "x-hub-signature-256": sign(raw) }) }, body: raw }), ctx);
}

function postGoogle(body: unknown): Promise<Response> {
  return googleRoute.POST(new Request("http://app.test/api/webhooks/google-ads-leads", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), ctx);
}

const leadgen = (leadgenId: string, formId = "form_77") =>
  JSON.stringify({ object: "page", entry: [{ id: PAGE_ID, time: 1764700000, changes: [{ field: "leadgen", value: { leadgen_id: leadgenId, page_id: PAGE_ID, form_id: formId, ad_id: "ad_9", created_time: 1764700000 } }] }] });

async function settled(submissionId: string) {
  return until(`submission ${submissionId} processed or failed`, async () => {
    const s = await t.db.leadSubmission.findUnique({ where: { id: submissionId } });
    return s && s.status !== "RECEIVED" ? s : undefined;
  }, 30_000);
}

async function leadOf(submissionId: string) {
  const s = await settled(submissionId);
  expect(s.status, s.errorMessage ?? "").toBe("PROCESSED");
  return t.db.lead.findUniqueOrThrow({ where: { id: s.leadId! } });
}

async function setCountry(country: string) {
  await t.db.leadSettings.upsert({ where: { organizationId: orgId }, create: { organizationId: orgId, defaultCountry: country }, update: { defaultCountry: country } });
}

async function accepted(res: Response): Promise<string> {
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { submissionId: string }).submissionId;
}

describe("website forms and any JSON (POST /api/webhooks/leads)", () => {
  it("stores the body as sent (202, unknown fields kept), then normalises it into a lead", async () => {
    await setCountry("FR");
    const body = { name: "  Claire   Dubois ", "E-mail": " Claire.Dubois@Example.FR ", telephone: "06 12 34 56 78", entreprise: "Hôtel Lumière", budget: "5 000 €", message: "Nous cherchons des coussins pour 40 chambres.", utm_source: "google", utm_campaign: "printemps", consent: "oui", consent_text: "J'accepte d'être recontacté.", chambres: 40 };
    const id = await accepted(await postLead(body));
    const stored = await t.db.leadSubmission.findUniqueOrThrow({ where: { id } });
    expect(stored.payload).toEqual(body);
    const ev = await t.db.runtimeEvent.findMany({ where: { externalId: `lead-submission-received:${id}` } });
    expect(ev).toHaveLength(1);
    const lead = await leadOf(id);
    expect(lead).toMatchObject({ organizationId: orgId, firstName: "Claire", lastName: "Dubois", email: "Claire.Dubois@Example.FR", emailNormalized: "claire.dubois@example.fr", phoneE164: "+33612345678", company: "Hôtel Lumière", budgetMinor: 500000, utmSource: "google", utmCampaign: "printemps", gdprConsent: true, consentText: "J'accepte d'être recontacté.", sourceType: "FORM" });
    expect(lead.consentAt?.getTime()).toBe(stored.receivedAt.getTime());
    expect(lead.customFields).toEqual({ chambres: 40 });
    const touch = await t.db.leadInteraction.findMany({ where: { leadId: lead.id } });
    expect(touch).toMatchObject([{ channel: "FORM", direction: "INBOUND", body: "Nous cherchons des coussins pour 40 chambres." }]);
    const received = await until("lead/received", async () => (await t.db.runtimeEvent.findMany({ where: { externalId: `lead-received:${id}` } })).at(0));
    expect(received).toMatchObject({ name: "lead/received", data: { organizationId: orgId, leadId: lead.id, submissionId: id, created: true } });
  });

  it("reads local numbers of Sénégal and Côte d'Ivoire in the organisation's country, and form-encoded bodies", async () => {
    await setCountry("SN");
    const sn = await leadOf(await accepted(await postLead({ firstName: "Awa", lastName: "Diop", mobile: "77 123 45 67", company: "Teranga Hôtel" })));
    expect(sn).toMatchObject({ firstName: "Awa", lastName: "Diop", phoneE164: "+221771234567", emailNormalized: null });
    await setCountry("CI");
    const ci = await leadOf(
      await accepted(
        await leadsRoute.POST(
          new Request("http://app.test/api/webhooks/leads", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-api-key": key }, body: "nom_complet=Kouassi+Yao&tel=07+07+12+34+56&source=webinar" }),
          ctx,
        ),
      ),
    );
    expect(ci).toMatchObject({ firstName: "Kouassi", lastName: "Yao", phoneE164: "+2250707123456", sourceType: "WEBINAR" });
    await setCountry("FR");
  });

  it("refuses what cannot be a lead before storing anything: no key, a wrong key, no contact, not an object", async () => {
    const before = await t.db.leadSubmission.count();
    const noKey = await leadsRoute.POST(new Request("http://app.test/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "a@b.fr" }) }), ctx);
    expect(noKey.status).toBe(401);
    expect((await postLead({ email: "a@b.fr" }, { "x-api-key": "me_00000000_wrongwrongwrongwrongwrong" })).status).toBe(401);
    const noContact = await postLead({ name: "Sans Contact", company: "X" });
    expect(noContact.status).toBe(422);
    expect(((await noContact.json()) as { error: { field: string } }).error.field).toBe("email");
    expect((await postLead("[1,2]")).status).toBe(400);
    expect((await postLead("{not json")).status).toBe(400);
    expect(await t.db.leadSubmission.count()).toBe(before);
  });

  it("the same request replayed 1,000 times (50 at once) is one submission and one lead", async () => {
    const raw = JSON.stringify({ email: `replay-${randomUUID()}@example.fr`, name: "Re Play" });
    const before = await t.db.lead.count();
    const statuses: number[] = [];
    for (let wave = 0; wave < 20; wave++) {
      const res = await Promise.all(Array.from({ length: 50 }, () => postLead(raw)));
      statuses.push(...res.map((r) => r.status));
    }
    if (statuses.filter((s) => s === 200).length !== 999) console.log("STATUSES", JSON.stringify(Object.entries(statuses.reduce<Record<number, number>>((a, s) => ((a[s] = (a[s] ?? 0) + 1), a), {}))), await (await postLead(raw)).text());
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(999);
    const subs = await t.db.leadSubmission.findMany({ where: { payload: { equals: JSON.parse(raw) } } });
    expect(subs).toHaveLength(1);
    await leadOf(subs[0].id);
    expect(await t.db.lead.count()).toBe(before + 1);
    // An Idempotency-Key names the delivery: the same body again is the same submission; another body
    // with that key is a 422 (issue 10, row 12; the IETF idempotency-key draft's rule), nothing stored.
    const a = await postLead({ email: "idem@example.fr", sentAt: 1 }, { "idempotency-key": "order-1" });
    const b = await postLead({ email: "idem@example.fr", sentAt: 1 }, { "idempotency-key": "order-1" });
    const c = await postLead({ email: "idem@example.fr", sentAt: 2 }, { "idempotency-key": "order-1" });
    expect([a.status, b.status, c.status]).toEqual([202, 200, 422]);
    expect(((await c.json()) as { error: { field: string } }).error.field).toBe("Idempotency-Key");
  }, 120_000);
});

describe("Meta lead ads (GET|POST /api/webhooks/meta)", () => {
  it("answers the subscription challenge with the verify token only", async () => {
    const ok = await metaRoute.GET(new Request("http://app.test/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345"), ctx);
    expect([ok.status, await ok.text()]).toEqual([200, "12345"]);
    const bad = await metaRoute.GET(new Request("http://app.test/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345"), ctx);
    expect(bad.status).toBe(403);
  });

  it("a leadgen change is fetched by id through the Graph API and normalised (three answer shapes)", async () => {
    meta.leads.set("lg_1", { form_id: "form_77", ad_id: "ad_9", field_data: [{ name: "full_name", values: ["Jean Martin"] }, { name: "email", values: ["JEAN.MARTIN@example.fr"] }, { name: "phone_number", values: ["+33 6 98 76 54 32"] }, { name: "company_name", values: ["Riad Atlas"] }] });
    meta.leads.set("lg_2", { form_id: "form_77", field_data: [{ name: "first_name", values: ["Fatou"] }, { name: "last_name", values: ["Ndiaye"] }, { name: "phone_number", values: ["+221 76 555 44 33"] }, { name: "job_title", values: ["Directrice"] }, { name: "quel_est_votre_budget_?", values: ["10k"] }] });
    meta.leads.set("lg_3", { form_id: "form_78", field_data: [{ name: "nom_complet", values: ["Aya Koné"] }, { name: "e-mail", values: ["aya@example.ci"] }, { name: "telephone", values: ["+225 05 44 33 22 11"] }] });
    const expected = [
      { firstName: "Jean", lastName: "Martin", emailNormalized: "jean.martin@example.fr", phoneE164: "+33698765432", company: "Riad Atlas", sourceType: "META_LEAD_ADS" },
      { firstName: "Fatou", lastName: "Ndiaye", phoneE164: "+221765554433", jobTitle: "Directrice", sourceType: "META_LEAD_ADS" },
      { firstName: "Aya", lastName: "Koné", emailNormalized: "aya@example.ci", phoneE164: "+2250544332211", sourceType: "META_LEAD_ADS" },
    ];
    for (const [i, lg] of ["lg_1", "lg_2", "lg_3"].entries()) {
      const res = await postMeta(leadgen(lg, i === 2 ? "form_78" : "form_77"));
      expect(await res.json()).toEqual({ received: 1, handled: 1, ignored: 0 });
      const sub = await t.db.leadSubmission.findFirstOrThrow({ where: { organizationId: orgId, dedupeKey: `meta:${lg}` } });
      const lead = await leadOf(sub.id);
      expect(lead).toMatchObject(expected[i]);
      expect((lead.customFields as Record<string, unknown>).meta_form_id).toBe(i === 2 ? "form_78" : "form_77");
    }
    expect(meta.server.callsTo(/\/lg_1\?/, "GET")).toHaveLength(1);
  });

  it("a tampered or missing signature is a 401 and nothing is stored; replays store one submission", async () => {
    const raw = leadgen("lg_replay");
    meta.leads.set("lg_replay", { field_data: [{ name: "email", values: ["replay.meta@example.fr"] }] });
    const before = await t.db.leadSubmission.count();
    expect((await postMeta(raw, { "x-hub-signature-256": sign(raw).replace(/.$/, (c) => (c === "0" ? "1" : "0")) })).status).toBe(401);
    expect((await postMeta(raw, { "x-hub-signature-256": sign(raw, "another-secret") })).status).toBe(401);
    expect((await postMeta(raw, {})).status).toBe(401);
    expect((await postMeta(raw.replace("lg_replay", "lg_other"), { "x-hub-signature-256": sign(raw) })).status).toBe(401);
    expect(await t.db.leadSubmission.count()).toBe(before);
    for (let wave = 0; wave < 20; wave++) {
      const res = await Promise.all(Array.from({ length: 50 }, () => postMeta(raw)));
      expect(res.every((r) => r.status === 200)).toBe(true);
    }
    const subs = await t.db.leadSubmission.findMany({ where: { dedupeKey: "meta:lg_replay" } });
    expect(subs).toHaveLength(1);
    await leadOf(subs[0].id);
    expect(await t.db.lead.count({ where: { emailNormalized: "replay.meta@example.fr" } })).toBe(1);
    expect(meta.server.callsTo(/\/lg_replay\?/, "GET")).toHaveLength(1);
  }, 120_000);

  it("a lead the Graph API refuses fails visibly, and re-processing it later succeeds", async () => {
    meta.server.inject(/\/lg_fail\?/, metaErrors.validation("(#100) Object with ID 'lg_fail' does not exist"), 1);
    meta.leads.set("lg_fail", { field_data: [{ name: "email", values: ["late@example.fr"] }] });
    await postMeta(leadgen("lg_fail"));
    const sub = await t.db.leadSubmission.findFirstOrThrow({ where: { dedupeKey: "meta:lg_fail" } });
    const failed = await settled(sub.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.errorMessage).toContain("does not exist");
    const member = await t.db.user.create({ data: { email: `ed-${randomUUID().slice(0, 6)}@example.fr` } });
    await t.db.membership.create({ data: { organizationId: orgId, userId: member.id, role: "EDITOR" } });
    const apiKey = (await createApiKey({ organizationId: orgId, name: "ops", scopes: ["read", "write"] })).key;
    const list = await submissionsRoute.GET(new Request(`http://app.test/api/orgs/${slug}/leads/submissions?status=FAILED`, { headers: { "x-api-key": apiKey } }), { params: Promise.resolve({ org: slug }) });
    const listed = (await list.json()) as { submissions: { id: string; status: string; errorMessage: string }[]; failed: number };
    expect(listed.submissions.map((s) => s.id)).toContain(sub.id);
    expect(listed.failed).toBeGreaterThanOrEqual(1);
    const again = await reprocessRoute.POST(new Request(`http://app.test/x`, { method: "POST", headers: { "x-api-key": apiKey } }), { params: Promise.resolve({ org: slug, id: sub.id }) });
    expect(again.status).toBe(202);
    const lead = await leadOf(sub.id);
    expect(lead.emailNormalized).toBe("late@example.fr");
    const twice = await reprocessRoute.POST(new Request(`http://app.test/x`, { method: "POST", headers: { "x-api-key": apiKey } }), { params: Promise.resolve({ org: slug, id: sub.id }) });
    expect(twice.status).toBe(409);
    // Another organisation's submission is a 404.
    const other = await t.db.organization.create({ data: { name: "Other", slug: `other-${randomUUID().slice(0, 6)}` } });
    const otherKey = (await createApiKey({ organizationId: other.id, name: "o", scopes: ["write"] })).key;
    const foreign = await reprocessRoute.POST(new Request(`http://app.test/x`, { method: "POST", headers: { "x-api-key": otherKey } }), { params: Promise.resolve({ org: other.slug, id: sub.id }) });
    expect(foreign.status).toBe(404);
  }, 60_000);
});

const column = (column_id: string, string_value: string) => ({ column_id, string_value, column_name: column_id.replace("_", " ") });

describe("Google Ads lead forms (POST /api/webhooks/google-ads-leads)", () => {
  it("normalises three payload shapes; is_test leads are marked; an unknown google_key is a 401 and stores nothing", async () => {
    const shapes = [
      { body: { lead_id: "g-1", api_version: "1.0", form_id: 4001, campaign_id: 12, google_key: googleKey, user_column_data: [column("FULL_NAME", "Marie Curie"), column("EMAIL", "marie@example.fr"), column("PHONE_NUMBER", "+33145678901"), column("COMPANY_NAME", "Institut")], is_test: false }, country: "FR", want: { firstName: "Marie", lastName: "Curie", emailNormalized: "marie@example.fr", phoneE164: "+33145678901", company: "Institut", isTest: false } },
      { body: { lead_id: "g-2", api_version: "1.0", form_id: 4001, google_key: googleKey, user_column_data: [column("FIRST_NAME", "Moussa"), column("LAST_NAME", "Sow"), column("PHONE_NUMBER", "78 987 65 43"), column("JOB_TITLE", "Gérant")] }, country: "SN", want: { firstName: "Moussa", lastName: "Sow", phoneE164: "+221789876543", jobTitle: "Gérant", isTest: false } },
      { body: { lead_id: "g-3", api_version: "1.0", form_id: 4002, google_key: googleKey, user_column_data: [column("FULL_NAME", "Test Lead"), column("WORK_EMAIL", "test@example.ci"), column("WORK_PHONE", "01 02 03 04 05")], is_test: true }, country: "CI", want: { firstName: "Test", emailNormalized: "test@example.ci", phoneE164: "+2250102030405", isTest: true } },
    ];
    for (const s of shapes) {
      await setCountry(s.country);
      const res = await postGoogle(s.body);
      expect(res.status, await res.clone().text()).toBe(200);
      const sub = await t.db.leadSubmission.findFirstOrThrow({ where: { dedupeKey: `google:${s.body.lead_id}` } });
      expect(JSON.stringify(sub.payload)).not.toContain(googleKey);
      expect(await leadOf(sub.id)).toMatchObject({ ...s.want, sourceType: "GOOGLE_LEAD_ADS" });
    }
    await setCountry("FR");
    const before = await t.db.leadSubmission.count();
    expect((await postGoogle({ ...shapes[0].body, lead_id: "g-x", google_key: "not-a-key" })).status).toBe(401);
    expect((await postGoogle({ lead_id: "g-y", google_key: googleKey })).status).toBe(422);
    expect(await t.db.leadSubmission.count()).toBe(before);
  }, 60_000);
});

describe("one person from three sources", () => {
  it("is one lead that keeps every non-empty field and records every touchpoint", async () => {
    await setCountry("SN");
    const form = await leadOf(await accepted(await postLead({ email: "Ibrahima.Fall@example.sn", first_name: "Ibrahima", source: "webinar", utm_campaign: "webinaire-mai", message: "Vu au webinaire" })));
    meta.leads.set("lg_ibra", { field_data: [{ name: "full_name", values: ["Ibrahima Fall"] }, { name: "phone_number", values: ["77 600 11 22"] }, { name: "email", values: ["ibrahima.fall@example.sn"] }, { name: "company_name", values: ["Fall & Fils"] }] });
    await postMeta(leadgen("lg_ibra"));
    const metaSub = await t.db.leadSubmission.findFirstOrThrow({ where: { dedupeKey: "meta:lg_ibra" } });
    expect((await leadOf(metaSub.id)).id).toBe(form.id);
    await postGoogle({ lead_id: "g-ibra", form_id: 4001, google_key: googleKey, user_column_data: [column("PHONE_NUMBER", "+221 77 600 11 22"), column("JOB_TITLE", "Directeur commercial"), column("FULL_NAME", "I. Fall")] });
    const gSub = await t.db.leadSubmission.findFirstOrThrow({ where: { dedupeKey: "google:g-ibra" } });
    expect((await leadOf(gSub.id)).id).toBe(form.id);
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: form.id } });
    expect(lead).toMatchObject({ firstName: "Ibrahima", lastName: "Fall", emailNormalized: "ibrahima.fall@example.sn", phoneE164: "+221776001122", company: "Fall & Fils", jobTitle: "Directeur commercial", utmCampaign: "webinaire-mai", sourceType: "WEBINAR" });
    expect(await t.db.lead.count({ where: { organizationId: orgId, OR: [{ emailNormalized: "ibrahima.fall@example.sn" }, { phoneE164: "+221776001122" }] } })).toBe(1);
    const touches = await t.db.leadInteraction.findMany({ where: { leadId: lead.id }, orderBy: { occurredAt: "asc" } });
    expect(touches).toHaveLength(3);
    expect(touches.map((x) => x.subject?.split(" · ")[0])).toEqual(["FORM", "META_LEAD_ADS", "GOOGLE_LEAD_ADS"]);
    const subs = await t.db.leadSubmission.findMany({ where: { leadId: lead.id } });
    expect(subs.map((s) => s.createdLead).sort()).toEqual([false, false, true]);
    await setCountry("FR");
  }, 60_000);
});
