import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTRIBUTION_MODELS, attributeConversion, type AttributionModel } from "@/lib/leads/conversions/attribution";
import { seedOrg } from "@/tests/integration/approvals/support";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * MKT-307 through the real route handler (Standard Webhooks signatures with the standardwebhooks
 * package), real PostgreSQL and the embedded executor: a conversion credits the lead's touchpoints
 * under each model with sums equal to the value, to the cent; campaigns and content pieces credited
 * through the touchpoints' UTM; the lead CONVERTED and its sequences stopped; the model chosen per
 * organisation; tampered, missing or stale signatures -> 401 and nothing stored; 1,000 replays (50 at
 * once) -> one conversion; the lead matched by id, email or local phone within the organisation only;
 * a manual "Mark won" undone puts everything back.
 */
let app: AppExecutor;
let s: Awaited<ReturnType<typeof seedOrg>>;
let other: Awaited<ReturnType<typeof seedOrg>>;
let secret: string;
let route: typeof import("@/app/api/webhooks/conversions/route");
let lib: {
  processSubmission: typeof import("@/lib/leads/capture/process-submission").processSubmission;
  setAttributionModel: typeof import("@/lib/leads/conversions/attribution-settings").setAttributionModel;
  getConversionSettings: typeof import("@/lib/leads/conversions/attribution-settings").getConversionSettings;
  rotateConversionWebhookSecret: typeof import("@/lib/leads/conversions/attribution-settings").rotateConversionWebhookSecret;
  markLeadWon: typeof import("@/lib/leads/conversions/mark-lead-won").markLeadWon;
  undoConversion: typeof import("@/lib/leads/conversions/undo-conversion").undoConversion;
  getAttributionReport: typeof import("@/lib/leads/conversions/get-attribution-report").getAttributionReport;
};
let campaignId: string;
let pieceId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  app = await startAppExecutor({ dataDirPrefix: "me-conv-", functions: async () => [] });
  const db = app.t.db;
  s = await seedOrg(db);
  other = await seedOrg(db);
  await db.organization.update({ where: { id: s.orgId }, data: { timezone: "Africa/Dakar", currency: "XOF" } });
  route = await import("@/app/api/webhooks/conversions/route");
  lib = {
    processSubmission: (await import("@/lib/leads/capture/process-submission")).processSubmission,
    ...(await import("@/lib/leads/conversions/attribution-settings")),
    markLeadWon: (await import("@/lib/leads/conversions/mark-lead-won")).markLeadWon,
    undoConversion: (await import("@/lib/leads/conversions/undo-conversion")).undoConversion,
    getAttributionReport: (await import("@/lib/leads/conversions/get-attribution-report")).getAttributionReport,
  };
  secret = (await lib.getConversionSettings({ organizationId: s.orgId, slug: s.slug })).secret;
  await lib.getConversionSettings({ organizationId: other.orgId, slug: other.slug });
  const piece = await db.contentPiece.create({ data: { organizationId: s.orgId, brandId: s.brandId, title: "Tabaski : nos bogolans", body: "…", status: "PUBLISHED" } });
  pieceId = piece.id;
  const adAccount = await db.socialAccount.create({ data: { organizationId: s.orgId, platform: "META_ADS", externalId: `act_${randomUUID().slice(0, 6)}`, name: "Ads", isSandbox: true } });
  const campaign = await db.adCampaign.create({ data: { organizationId: s.orgId, brandId: s.brandId, adAccountId: adAccount.id, platform: "META_ADS", name: "Promo Tabaski", externalId: "cmp_998877" } });
  campaignId = campaign.id;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

type Touch = { daysBefore: number; utm?: Record<string, string> };

/** A lead of `orgId` made the way MKT-301 makes it: one stored submission per touch, processed (FORM touchpoint each), plus sent messages. */
async function leadWith(opts: { orgId?: string; email?: string; phone?: string; forms: Touch[]; sent?: number[]; enrolled?: boolean; now: Date }) {
  const db = app.t.db;
  const orgId = opts.orgId ?? s.orgId;
  let leadId = "";
  for (const f of opts.forms) {
    const sub = await db.leadSubmission.create({
      data: { organizationId: orgId, sourceType: "FORM", dedupeKey: `k:${randomUUID()}`, payload: { email: opts.email, phone: opts.phone, name: "Awa Diop", ...f.utm }, receivedAt: new Date(opts.now.getTime() - f.daysBefore * DAY) },
    });
    leadId = (await lib.processSubmission({ organizationId: orgId, submissionId: sub.id })).leadId;
  }
  for (const d of opts.sent ?? []) {
    const at = new Date(opts.now.getTime() - d * DAY);
    await db.leadInteraction.create({ data: { organizationId: orgId, leadId, channel: "EMAIL", direction: "OUTBOUND", status: "SENT", body: "Bonjour", occurredAt: at, sentAt: at } });
  }
  // A reply and an unsent draft are not touchpoints.
  await db.leadInteraction.create({ data: { organizationId: orgId, leadId, channel: "EMAIL", direction: "INBOUND", status: "RECEIVED", body: "Merci", occurredAt: new Date(opts.now.getTime() - DAY) } });
  await db.leadInteraction.create({ data: { organizationId: orgId, leadId, channel: "EMAIL", direction: "OUTBOUND", status: "DRAFT", body: "Brouillon", occurredAt: new Date(opts.now.getTime() - DAY) } });
  let enrollmentId: string | null = null;
  if (opts.enrolled) {
    const seq = await db.nurtureSequence.create({ data: { organizationId: orgId, name: "Relance", status: "ACTIVE" } });
    enrollmentId = (await db.sequenceEnrollment.create({ data: { organizationId: orgId, leadId, sequenceId: seq.id, status: "ACTIVE", nextActionAt: new Date(opts.now.getTime() + DAY) } })).id;
  }
  return { leadId, enrollmentId };
}

function signed(body: unknown, o: { id?: string; at?: Date; key?: string; slug?: string; headers?: Record<string, string | null>; raw?: string } = {}) {
  const raw = o.raw ?? JSON.stringify(body);
  const id = o.id ?? `msg_${randomUUID()}`;
  const at = o.at ?? new Date();
  const headers: Record<string, string | null> = {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(o.key ?? secret).sign(id, at, raw),
    ...o.headers,
  };
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) if (v !== null) h.set(k, v);
  return { raw, id, headers: h, slug: o.slug ?? s.slug };
}

async function post(req: ReturnType<typeof signed>, body?: string) {
  const res = await route.POST(new Request(`http://app.test/api/webhooks/conversions?org=${req.slug}`, { method: "POST", headers: req.headers, body: body ?? req.raw }), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as { duplicate?: boolean; conversionId?: string | null; error?: { field?: string; message: string } } };
}

const stored = async () => ({ receipts: await app.t.db.webhookReceipt.count({ where: { provider: "conversions" } }), conversions: await app.t.db.conversion.count() });

describe("a conversion credits the lead's touchpoints under each model", () => {
  it.each(ATTRIBUTION_MODELS)("%s: credits sum to the value exactly; campaign and content piece credited; lead CONVERTED; sequences stopped", async (model) => {
    const db = app.t.db;
    await lib.setAttributionModel({ organizationId: s.orgId, model });
    const now = new Date();
    const email = `awa-${model}-${randomUUID().slice(0, 6)}@example.sn`;
    // 3 forms (first through the campaign by its name, second naming the content piece, third no UTM) + 1 email sent
    const { leadId, enrollmentId } = await leadWith({
      email,
      forms: [{ daysBefore: 20, utm: { utm_campaign: "promo tabaski", utm_source: "facebook" } }, { daysBefore: 9, utm: { utm_content: pieceId } }, { daysBefore: 3 }],
      sent: [6],
      enrolled: true,
      now,
    });
    const before = { campaign: await db.adCampaign.findUniqueOrThrow({ where: { id: campaignId } }), piece: await db.contentPiece.findUniqueOrThrow({ where: { id: pieceId } }) };
    // 1,234,567 XOF (no decimals) by email in another case
    const res = await post(signed({ id: `order-${model}`, email: email.toUpperCase(), value: 1234567, occurred_at: now.toISOString() }));
    expect(res.status).toBe(200);
    expect(res.body.duplicate).toBe(false);
    const conv = await db.conversion.findUniqueOrThrow({ where: { id: res.body.conversionId! }, include: { touches: { orderBy: { position: "asc" } } } });
    expect(conv).toMatchObject({ leadId, valueMinor: 1234567, currency: "XOF", attributionModel: model, source: "webhook", externalId: `order-${model}` });
    expect(conv.touches.map((t) => [t.type, t.channel])).toEqual([
      ["FORM", "FORM"],
      ["FORM", "FORM"],
      ["INTERACTION", "EMAIL"],
      ["FORM", "FORM"],
    ]);
    const credits = conv.touches.map((t) => t.creditedValueMinor);
    expect(credits.reduce((a, b) => a + b, 0)).toBe(1234567);
    const expected = attributeConversion({ model: model as AttributionModel, valueMinor: 1234567, touchTimes: conv.touches.map((t) => t.occurredAt), convertedAt: now }).map((c) => c.creditedMinor);
    expect(credits).toEqual(expected);
    if (model === "linear") expect(credits).toEqual([308642, 308642, 308642, 308641]);
    if (model === "first_touch") expect(credits).toEqual([1234567, 0, 0, 0]);
    if (model === "last_touch") expect(credits).toEqual([0, 0, 0, 1234567]);
    if (model === "position_based") expect(credits).toEqual([493827, 123457, 123456, 493827]);
    if (model === "time_decay") expect(credits[3]! > credits[2]! && credits[2]! > credits[1]! && credits[1]! > credits[0]!).toBe(true);
    // links: the first form's campaign (matched by name, case-insensitive), the second form's content piece
    expect(conv.touches[0]!.campaignId).toBe(campaignId);
    expect(conv.touches[1]!.contentPieceId).toBe(pieceId);
    expect(conv.touches.filter((t) => t.campaignId || t.contentPieceId)).toHaveLength(2);
    const after = { campaign: await db.adCampaign.findUniqueOrThrow({ where: { id: campaignId } }), piece: await db.contentPiece.findUniqueOrThrow({ where: { id: pieceId } }) };
    expect(after.campaign.conversions - before.campaign.conversions).toBe(credits[0]! > 0 ? 1 : 1);
    expect(after.campaign.conversionValueMinor - before.campaign.conversionValueMinor).toBe(credits[0]);
    expect(after.piece.attributedRevenueMinor - before.piece.attributedRevenueMinor).toBe(credits[1]);
    const lead = await db.lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead).toMatchObject({ status: "CONVERTED", conversionValueMinor: 1234567 });
    expect(lead.convertedAt?.toISOString()).toBe(now.toISOString());
    expect(await db.sequenceEnrollment.findUniqueOrThrow({ where: { id: enrollmentId! } })).toMatchObject({ status: "CANCELLED", cancelReason: "converted" });
    // events and the team told once
    const events = await db.runtimeEvent.findMany({ where: { name: { in: ["conversion/recorded", "lead/converted", "lead/enrollment.stopped"] }, data: { path: ["leadId"], equals: leadId } }, select: { name: true } });
    expect(events.map((e) => e.name).sort()).toEqual(["conversion/recorded", "lead/converted", "lead/enrollment.stopped"]);
    expect(await db.notification.count({ where: { organizationId: s.orgId, dedupeKey: { startsWith: `conversion:${conv.id}` } } })).toBeGreaterThan(0);
  });

  it("the model is the organisation's: another organisation keeps linear; a touch after the conversion is not credited", async () => {
    await lib.setAttributionModel({ organizationId: s.orgId, model: "last_touch" });
    const now = new Date();
    const otherSecret = (await lib.getConversionSettings({ organizationId: other.orgId, slug: other.slug })).secret;
    const { leadId } = await leadWith({ orgId: other.orgId, email: `o-${randomUUID().slice(0, 6)}@example.fr`, forms: [{ daysBefore: 4 }, { daysBefore: 2 }], now });
    await app.t.db.leadInteraction.create({ data: { organizationId: other.orgId, leadId, channel: "EMAIL", direction: "OUTBOUND", status: "SENT", body: "après", occurredAt: new Date(now.getTime() + DAY), sentAt: new Date(now.getTime() + DAY) } });
    const res = await post(signed({ lead_id: leadId, value: 100.01, currency: "eur", occurred_at: now.toISOString() }, { key: otherSecret, slug: other.slug }));
    expect(res.status).toBe(200);
    const conv = await app.t.db.conversion.findUniqueOrThrow({ where: { id: res.body.conversionId! }, include: { touches: { orderBy: { position: "asc" } } } });
    expect(conv).toMatchObject({ attributionModel: "linear", valueMinor: 10001, currency: "EUR" });
    expect(conv.touches.map((t) => t.creditedValueMinor)).toEqual([5001, 5000]);
  });

  it("the attribution view re-weights stored touchpoints with any model; each conversion still adds up", async () => {
    for (const model of ATTRIBUTION_MODELS) {
      const r = await lib.getAttributionReport({ organizationId: s.orgId, model, days: 90 });
      expect(r.conversions).toBe(ATTRIBUTION_MODELS.length);
      expect(r.totals).toEqual([expect.objectContaining({ currency: "XOF", valueMinor: 1234567 * ATTRIBUTION_MODELS.length })]);
      expect(r.channels.reduce((a, c) => a + c.creditedMinor, 0)).toBe(1234567 * ATTRIBUTION_MODELS.length);
      expect(r.campaigns.map((c) => [c.name, c.conversions])).toEqual([["Promo Tabaski", ATTRIBUTION_MODELS.length]]);
    }
    const first = await lib.getAttributionReport({ organizationId: s.orgId, model: "first_touch", days: 90 });
    expect(first.campaigns[0]!.creditedMinor).toBe(1234567 * ATTRIBUTION_MODELS.length);
    expect(first.contentPieces[0]?.creditedMinor ?? 0).toBe(0);
  });
});

describe("POST /api/webhooks/conversions signatures (Standard Webhooks)", () => {
  let email: string;
  beforeAll(async () => {
    email = `sig-${randomUUID().slice(0, 6)}@example.sn`;
    await leadWith({ email, forms: [{ daysBefore: 1 }], now: new Date() });
  });

  it.each([
    ["a tampered body", (b: object) => ({ ...signed(b), tamper: JSON.stringify({ ...b, value: 999999999 }) }), "webhook-signature"],
    ["another secret", (b: object) => signed(b, { key: `whsec_${Buffer.from("not the secret of this org!!").toString("base64")}` }), "webhook-signature"],
    ["no webhook-signature", (b: object) => signed(b, { headers: { "webhook-signature": null } }), "webhook-signature"],
    ["no webhook-id", (b: object) => signed(b, { headers: { "webhook-id": null } }), "webhook-id"],
    ["no webhook-timestamp", (b: object) => signed(b, { headers: { "webhook-timestamp": null } }), "webhook-timestamp"],
    ["a timestamp 6 minutes old", (b: object) => signed(b, { at: new Date(Date.now() - 6 * 60_000) }), "webhook-signature"],
    ["a timestamp 6 minutes ahead", (b: object) => signed(b, { at: new Date(Date.now() + 6 * 60_000) }), "webhook-signature"],
    ["another organisation's URL", (b: object) => signed(b, { slug: "nobody-here" }), "org"],
  ])("%s -> 401, nothing stored", async (_name, make, field) => {
    const before = await stored();
    const req = make({ email, value: 5000 }) as ReturnType<typeof signed> & { tamper?: string };
    const res = await post(req, req.tamper);
    expect(res.status).toBe(401);
    expect(res.body.error?.field).toBe(field);
    expect(await stored()).toEqual(before);
  });

  it("a valid delivery 4 minutes old is accepted; after a rotation the old secret is refused", async () => {
    const old = secret;
    expect((await post(signed({ email, value: 10, id: `late-${randomUUID()}` }, { at: new Date(Date.now() - 4 * 60_000) }))).status).toBe(200);
    secret = (await lib.rotateConversionWebhookSecret({ organizationId: s.orgId, slug: s.slug })).secret;
    expect(secret).not.toBe(old);
    expect(secret.startsWith("whsec_")).toBe(true);
    expect((await post(signed({ email, value: 10 }, { key: old }))).status).toBe(401);
    expect((await post(signed({ email, value: 10, id: `after-${randomUUID()}` }))).status).toBe(200);
  });

  it("the same signed request replayed 1,000 times (50 at once) -> one receipt, one conversion", async () => {
    const before = await stored();
    const req = signed({ email, value: 75000, order_id: `replay-${randomUUID()}` });
    const statuses: number[] = [];
    const ids = new Set<string>();
    for (let wave = 0; wave < 20; wave++) {
      const res = await Promise.all(Array.from({ length: 50 }, () => post(req)));
      for (const r of res) {
        statuses.push(r.status);
        if (r.body.conversionId) ids.add(r.body.conversionId);
      }
    }
    expect(statuses.filter((x) => x === 200)).toHaveLength(1000);
    expect(await stored()).toEqual({ receipts: before.receipts + 1, conversions: before.conversions + 1 });
    expect(ids.size).toBe(1);
    // The same order under another webhook-id (a sender's retry with a new message id) records nothing either.
    const again = await post(signed({ email, value: 75000, order_id: JSON.parse(req.raw).order_id }));
    expect(again.body).toMatchObject({ duplicate: true, conversionId: [...ids][0] });
  }, 180_000);
});

describe("matching the lead within the organisation", () => {
  it("by a phone number written locally (the organisation's region: Sénégal), by id; never another organisation's lead", async () => {
    const now = new Date();
    const { leadId } = await leadWith({ phone: "77 123 45 67", forms: [{ daysBefore: 2 }], now });
    const byPhone = await post(signed({ phone: "+221 77 123 45 67", value: 20000, id: `ph-${randomUUID()}` }));
    expect(byPhone.status).toBe(200);
    expect((await app.t.db.conversion.findUniqueOrThrow({ where: { id: byPhone.body.conversionId! } })).leadId).toBe(leadId);
    const { leadId: otherLead } = await leadWith({ orgId: other.orgId, email: `x-${randomUUID().slice(0, 6)}@example.fr`, forms: [{ daysBefore: 1 }], now });
    const before = await app.t.db.conversion.count();
    const foreign = await post(signed({ lead_id: otherLead, value: 1, id: `f-${randomUUID()}` }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.error?.field).toBe("lead_id");
    const none = await post(signed({ value: 1 }));
    expect([none.status, none.body.error?.field]).toEqual([422, "lead_id"]);
    const badValue = await post(signed({ lead_id: leadId, value: "cent" }));
    expect([badValue.status, badValue.body.error?.field]).toEqual([422, "value"]);
    expect(await app.t.db.conversion.count()).toBe(before);
    // stored raw all the same, marked failed with the reason
    expect(await app.t.db.webhookReceipt.count({ where: { provider: "conversions", status: "FAILED" } })).toBeGreaterThanOrEqual(3);
  });

  it("a delivery for a lead not there yet fails, and the sender's retry records it once the lead exists", async () => {
    const email = `later-${randomUUID().slice(0, 6)}@example.sn`;
    const req = signed({ email, value: 3000 });
    expect((await post(req)).status).toBe(422);
    await leadWith({ email, forms: [{ daysBefore: 1 }], now: new Date() });
    const retry = await post(req);
    expect(retry.status).toBe(200);
    expect(retry.body.duplicate).toBe(false);
    expect(await app.t.db.webhookReceipt.findFirstOrThrow({ where: { provider: "conversions", eventId: `${s.orgId}:${req.id}` } })).toMatchObject({ status: "PROCESSED", attempts: 2 });
  });
});

describe("Mark won by hand, and undo", () => {
  it("records a manual conversion with its credits; undo takes the credits and counters back and restores the stage", async () => {
    const db = app.t.db;
    await lib.setAttributionModel({ organizationId: s.orgId, model: "position_based" });
    const now = new Date();
    const { leadId } = await leadWith({ email: `won-${randomUUID().slice(0, 6)}@example.sn`, forms: [{ daysBefore: 5, utm: { utm_campaign: "cmp_998877" } }, { daysBefore: 2 }], now });
    await db.lead.update({ where: { id: leadId }, data: { status: "OPPORTUNITY" } });
    const campaignBefore = await db.adCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    const conv = await lib.markLeadWon({ organizationId: s.orgId, leadId, value: 450000, currency: "XOF", userId: s.ownerId });
    expect(conv).toMatchObject({ source: "manual", valueMinor: 450000, model: "position_based" });
    expect(conv.touches.map((t) => t.creditedMinor)).toEqual([225000, 225000]);
    expect(conv.touches[0]!.campaign?.id).toBe(campaignId);
    expect((await db.lead.findUniqueOrThrow({ where: { id: leadId } })).status).toBe("CONVERTED");
    await expect(lib.markLeadWon({ organizationId: other.orgId, leadId, value: 1, currency: "EUR", userId: other.ownerId })).rejects.toMatchObject({ code: "not_found" });
    await expect(lib.undoConversion({ organizationId: other.orgId, leadId, conversionId: conv.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await lib.undoConversion({ organizationId: s.orgId, leadId, conversionId: conv.id })).toEqual({ status: "OPPORTUNITY" });
    const lead = await db.lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead).toMatchObject({ status: "OPPORTUNITY", convertedAt: null, conversionValueMinor: null });
    expect(await db.attributionTouch.count({ where: { conversionId: conv.id } })).toBe(0);
    const campaignAfter = await db.adCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect([campaignAfter.conversions, campaignAfter.conversionValueMinor]).toEqual([campaignBefore.conversions, campaignBefore.conversionValueMinor]);
    // A conversion a sender reported is not undone from the lead page.
    const hooked = await db.conversion.findFirstOrThrow({ where: { organizationId: s.orgId, source: "webhook" } });
    await expect(lib.undoConversion({ organizationId: s.orgId, leadId: hooked.leadId, conversionId: hooked.id })).rejects.toMatchObject({ code: "conflict" });
  });
});
