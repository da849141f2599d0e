import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createMetaFake, META_CLIENT, metaErrors, type MetaFake } from "@/tests/fakes/meta";
import { contextFor, expectConnectorError, recordingRuntime, seedAccount, setEnv } from "./harness";
import { createMediaHost } from "@/tests/fakes/media-host";
import { verifyMetaWebhook, parseMetaWebhook } from "@/lib/connectors/meta/graph";
import { hmacHex } from "@/lib/connectors/webhook-signatures";
import type { PlatformConnector, AdsConnector } from "@/lib/connectors/types";

let t: TestDatabase;
let fake: MetaFake;
let media: Awaited<ReturnType<typeof createMediaHost>>;

beforeAll(async () => {
  t = await createTestDatabase();
  fake = createMetaFake();
  await fake.server.start();
  media = await createMediaHost();
  setEnv({
    META_APP_ID: META_CLIENT.clientId,
    META_APP_SECRET: META_CLIENT.clientSecret,
    META_WEBHOOK_VERIFY_TOKEN: "verify-me",
    PLATFORM_BASE_URLS: JSON.stringify({ meta: fake.server.url }),
    META_GRAPH_VERSION: "v25.0",
  });
});
afterAll(async () => {
  await fake.server.stop();
  await media.stop();
  await t.cleanup();
  setEnv({ META_APP_ID: undefined, META_APP_SECRET: undefined, META_WEBHOOK_VERIFY_TOKEN: undefined, PLATFORM_BASE_URLS: undefined });
});

async function setup(platform: "facebook" | "instagram" | "whatsapp" | "meta_ads") {
  const h = recordingRuntime();
  const { userToken, pageToken } = fake.consent();
  const externalId = platform === "facebook" ? "1001" : platform === "instagram" ? "17841400000000001" : platform === "whatsapp" ? "5550001" : "act_555";
  const metadata = platform === "facebook" || platform === "instagram" ? { pageId: "1001" } : {};
  const accessToken = platform === "facebook" || platform === "instagram" ? pageToken : userToken;
  const acc = await seedAccount(t.db, { platform, externalId, accessToken, refreshToken: userToken, metadata });
  const ctx = await contextFor(acc.accountId, acc.orgId, h.deps());
  return { ...h, ...acc, ctx };
}

describe("Facebook Pages connector against the Graph fake", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let fb: PlatformConnector;
  beforeEach(async () => {
    s = await setup("facebook");
    fb = s.registry.real("facebook");
  });

  it("happy path: text + photo posts, metrics, comments, reply", async () => {
    const text = await fb.publish(s.ctx, { kind: "text", text: "Hello" });
    expect(text).toMatchObject({ state: "published", remoteId: expect.stringMatching(/^1001_/) });
    const photo = await fb.publish(s.ctx, { kind: "image", text: "Pic", media: [{ kind: "image", url: "https://cdn.example/a.jpg" }] });
    expect(photo.state).toBe("published");
    const id = (text as { remoteId: string }).remoteId;
    const m = await fb.fetchMetrics(s.ctx, id);
    expect(m).toMatchObject({ impressions: 1234, reach: 900, clicks: 40, likes: 35, comments: 3, shares: 4 });
    const page1 = await fb.listNewComments(s.ctx, id, null);
    expect(page1.comments).toHaveLength(3);
    const page2 = await fb.listNewComments(s.ctx, id, page1.nextCursor);
    expect(page2.comments).toHaveLength(0);
    expect((await fb.replyToComment(s.ctx, page1.comments[0].id, "Thanks!")).id).toBeTruthy();
    await fb.hideComment!(s.ctx, page1.comments[1].id, true);
    expect(fake.server.callsTo(new RegExp(`/v25\\.0/${page1.comments[1].id}$`), "POST").at(-1)!.body).toContain("is_hidden=true");
    const call = fake.server.callsTo(/\/v25\.0\/1001\/feed/).at(-1)!;
    expect(call.headers.authorization).toMatch(/^Bearer at_/);
  });

  it("async processing: a video is pending until the fake reports ready", async () => {
    const r = await fb.publish(s.ctx, { kind: "video", text: "Clip", media: [{ kind: "video", url: "https://cdn.example/v.mp4" }] });
    expect(r.state).toBe("pending");
    const r1 = await fb.getPublicationStatus(s.ctx, (r as { pollToken: string }).pollToken);
    expect(r1.state).toBe("pending");
    const r2 = await fb.getPublicationStatus(s.ctx, (r as { pollToken: string }).pollToken);
    expect(r2).toMatchObject({ state: "published" });
  });

  it("expired token -> refresh (fb_exchange_token + page token) -> retry", async () => {
    fake.oauth.expireAccessTokens();
    const before = fake.oauth.tokenCalls.length;
    const r = await fb.publish(s.ctx, { kind: "text", text: "After refresh" });
    expect(r.state).toBe("published");
    expect(fake.oauth.tokenCalls.slice(before).map((c) => c.grantType)).toEqual(["fb_exchange_token"]);
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: s.accountId } });
    expect(row.tokenVersion).toBe(1);
    expect(row.status).toBe("ACTIVE");
  });

  it("429-class throttling (80001 + BUC header) -> waits the regain time, then succeeds", async () => {
    fake.server.inject(/\/1001\/feed/, metaErrors.rateLimited(1));
    const r = await fb.publish(s.ctx, { kind: "text", text: "x" });
    expect(r.state).toBe("published");
    expect(s.sleeps).toEqual([60_000]);
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: s.accountId } });
    expect(row.rateLimitedUntil).not.toBeNull();
  });

  it("validation error -> non-retriable with the platform message, one call", async () => {
    fake.server.inject(/\/1001\/feed/, metaErrors.validation("(#100) Invalid link"));
    const before = fake.server.callsTo(/\/1001\/feed/).length;
    const err = await expectConnectorError(fb.publish(s.ctx, { kind: "text", text: "x" }), "validation");
    expect(err.retriable).toBe(false);
    expect(err.message).toContain("Invalid link");
    expect(fake.server.callsTo(/\/1001\/feed/).length - before).toBe(1);
  });

  it("5xx -> retried with backoff", async () => {
    fake.server.inject(/\/1001\/feed/, metaErrors.server(), 2);
    const r = await fb.publish(s.ctx, { kind: "text", text: "x" });
    expect(r.state).toBe("published");
    expect(s.sleeps).toHaveLength(2);
    expect(s.sleeps[1]).toBeGreaterThan(s.sleeps[0] - 500);
  });

  it("sunset API versions are refused by the fake and surface as validation", async () => {
    setEnv({ META_GRAPH_VERSION: "v21.0" });
    try {
      await expectConnectorError(fb.publish(s.ctx, { kind: "text", text: "x" }), "validation");
    } finally {
      setEnv({ META_GRAPH_VERSION: "v25.0" });
    }
  });

  it("a dead user token turns a token failure into reconnect required + owner notified", async () => {
    fake.oauth.expireAccessTokens();
    fake.oauth.revokeRefreshTokens();
    await expectConnectorError(fb.publish(s.ctx, { kind: "text", text: "x" }), "reconnect_required");
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: s.accountId } });
    expect(row.status).toBe("RECONNECT_REQUIRED");
    const notes = await t.db.notification.findMany({ where: { organizationId: s.orgId } });
    expect(notes.map((n) => [n.userId, n.type])).toEqual([[s.ownerId, "account.reconnect_required"]]);
  });
});

describe("Instagram connector against the Graph fake", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let ig: PlatformConnector;
  beforeEach(async () => {
    s = await setup("instagram");
    ig = s.registry.real("instagram");
  });

  it("happy path: image container -> FINISHED -> media_publish -> permalink; insights use views", async () => {
    const r = await ig.publish(s.ctx, { kind: "image", text: "Caption #a", media: [{ kind: "image", url: "https://cdn.example/a.jpg" }] });
    expect(r).toMatchObject({ state: "published", url: expect.stringContaining("instagram.com/p/") });
    const m = await ig.fetchMetrics(s.ctx, (r as { remoteId: string }).remoteId);
    expect(m).toMatchObject({ impressions: 2000, reach: 1500, saves: 12, likes: 110 });
    expect(fake.server.callsTo(/insights/).at(-1)!.path).not.toMatch(/impressions|plays/);
  });

  it("async processing: Reel and carousel stay IN_PROGRESS, then publish", async () => {
    const reel = await ig.publish(s.ctx, { kind: "reel", text: "Reel", media: [{ kind: "video", url: "https://cdn.example/r.mp4" }] });
    expect(reel.state).toBe("pending");
    let r = reel;
    for (let i = 0; i < 5 && r.state === "pending"; i++) r = await ig.getPublicationStatus(s.ctx, (r as { pollToken: string }).pollToken);
    expect(r.state).toBe("published");
    const car = await ig.publish(s.ctx, {
      kind: "carousel",
      text: "Car",
      media: [
        { kind: "image", url: "https://cdn.example/1.jpg" },
        { kind: "image", url: "https://cdn.example/2.jpg" },
      ],
    });
    expect(car.state).toBe("pending");
    const done = await ig.getPublicationStatus(s.ctx, (car as { pollToken: string }).pollToken);
    expect(done.state).toBe("published");
  });

  it("expired token -> refresh -> retry", async () => {
    fake.oauth.expireAccessTokens();
    const r = await ig.publish(s.ctx, { kind: "image", text: "x", media: [{ kind: "image", url: "https://cdn.example/a.jpg" }] });
    expect(r.state).toBe("published");
  });

  it("rate limit -> back off until the BUC regain time", async () => {
    fake.server.inject(/\/media$/, metaErrors.rateLimited(2));
    const r = await ig.publish(s.ctx, { kind: "image", text: "x", media: [{ kind: "image", url: "https://cdn.example/a.jpg" }] });
    expect(r.state).toBe("published");
    expect(s.sleeps).toEqual([120_000]);
  });

  it("validation: unfetchable media (2207052) is non-retriable with Meta's message", async () => {
    const err = await expectConnectorError(
      ig.publish(s.ctx, { kind: "image", text: "x", media: [{ kind: "image", url: "https://cdn.example/unfetchable.jpg" }] }),
      "validation",
    );
    expect(err.platformCode).toBe("9004/2207052");
    expect(err.message).toContain("could not be fetched");
  });

  it("5xx -> retried", async () => {
    fake.server.inject(/\/media_publish/, metaErrors.server());
    const r = await ig.publish(s.ctx, { kind: "image", text: "x", media: [{ kind: "image", url: "https://cdn.example/a.jpg" }] });
    expect(r.state).toBe("published");
    expect(s.sleeps).toHaveLength(1);
  });
});

describe("WhatsApp Cloud connector against the Graph fake", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let wa: PlatformConnector;
  const T = Date.UTC(2026, 0, 5, 12, 0, 0);
  beforeEach(async () => {
    s = await setup("whatsapp");
    wa = s.registry.real("whatsapp");
  });

  it("happy path: template outside the window, text inside it", async () => {
    const tpl = await wa.sendMessage!(s.ctx, { to: "+15551234567", template: { name: "order_update", language: "en_US" }, lastInboundAt: null });
    expect(tpl).toMatchObject({ id: expect.stringMatching(/^wamid\./), status: "accepted" });
    const txt = await wa.sendMessage!(s.ctx, { to: "15551234567", text: "Hi", lastInboundAt: new Date(Date.now() - 3600_000) });
    expect(txt.id).toMatch(/^wamid\./);
    expect(JSON.parse(fake.server.callsTo(/5550001\/messages/).at(-1)!.body)).toMatchObject({
      messaging_product: "whatsapp",
      type: "text",
      text: { body: "Hi" },
    });
  });

  it("24 h window: T+23:59 sends, T+24:00:01 is blocked before Loose API call", async () => {
    let now = T + 23 * 3600_000 + 59 * 60_000;
    const h = recordingRuntime({ now: () => now });
    const w = h.registry.real("whatsapp");
    const calls = () => fake.server.callsTo(/5550001\/messages/).length;
    const before = calls();
    await w.sendMessage!(s.ctx, { to: "15551234567", text: "still open", lastInboundAt: new Date(T) });
    expect(calls()).toBe(before + 1);
    now = T + 24 * 3600_000 + 1000;
    await expectConnectorError(w.sendMessage!(s.ctx, { to: "15551234567", text: "too late", lastInboundAt: new Date(T) }), "outside_window");
    expect(calls()).toBe(before + 1);
  });

  it("async: status webhooks (signed, raw bytes) normalise sent/delivered/read; a flipped byte fails", () => {
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "9001",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { phone_number_id: "5550001" },
                statuses: [{ id: "wamid.X", status: "delivered", timestamp: "1750000000", recipient_id: "1555" }],
                messages: [{ from: "1555", id: "wamid.IN", timestamp: "1750000001", type: "text", text: { body: "hi" } }],
                contacts: [{ profile: { name: "Ana" }, wa_id: "1555" }],
              },
            },
          ],
        },
      ],
    });
    const raw = new TextEncoder().encode(body);
    const sig = `sha256=${hmacHex(META_CLIENT.clientSecret, raw)}`;
    expect(verifyMetaWebhook({ method: "POST", headers: new Headers({ "x-hub-signature-256": sig }), query: new URLSearchParams(), rawBody: raw }).ok).toBe(
      true,
    );
    const flipped = Uint8Array.from(raw);
    flipped[10] ^= 1;
    expect(
      verifyMetaWebhook({ method: "POST", headers: new Headers({ "x-hub-signature-256": sig }), query: new URLSearchParams(), rawBody: flipped }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(
      verifyMetaWebhook({
        method: "GET",
        headers: new Headers(),
        query: new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444" }),
        rawBody: new Uint8Array(),
      }),
    ).toEqual({ ok: true, respondWith: "1158201444" });
    expect(
      verifyMetaWebhook({
        method: "GET",
        headers: new Headers(),
        query: new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1" }),
        rawBody: new Uint8Array(),
      }),
    ).toMatchObject({ ok: false, status: 403 });
    const events = parseMetaWebhook(raw);
    expect(events.map((e) => e.type).sort()).toEqual(["message.received", "message.status"]);
    expect(events.find((e) => e.type === "message.received")).toMatchObject({ from: "1555", fromName: "Ana", text: "hi", accountExternalId: "5550001" });
  });

  it("expired token -> refresh -> retry", async () => {
    fake.oauth.expireAccessTokens();
    const r = await wa.sendMessage!(s.ctx, { to: "1555", template: { name: "hello", language: "en" }, lastInboundAt: null });
    expect(r.id).toMatch(/^wamid\./);
  });

  it("throughput limit 130429 -> back off; 131047/validation -> non-retriable; 5xx -> retried", async () => {
    fake.server.inject(/5550001\/messages/, { status: 400, json: metaErrors.body(130429, "Rate limit hit") });
    await wa.sendMessage!(s.ctx, { to: "1555", template: { name: "hello", language: "en" }, lastInboundAt: null });
    expect(s.sleeps).toEqual([60_000]);
    fake.server.inject(/5550001\/messages/, {
      status: 400,
      json: metaErrors.body(132000, "Number of parameters does not match the expected number of params"),
    });
    const err = await expectConnectorError(
      wa.sendMessage!(s.ctx, { to: "1555", template: { name: "hello", language: "en" }, lastInboundAt: null }),
      "validation",
    );
    expect(err.message).toContain("Number of parameters");
    fake.server.inject(/5550001\/messages/, metaErrors.server());
    await wa.sendMessage!(s.ctx, { to: "1555", template: { name: "hello", language: "en" }, lastInboundAt: null });
    expect(s.sleeps).toHaveLength(2);
  });
});

describe("Meta Marketing API connector against the Graph fake", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let ads: AdsConnector;
  beforeEach(async () => {
    s = await setup("meta_ads");
    ads = s.registry.realAds("meta_ads");
  });

  it("happy path: campaign -> ad set -> creative + ad, status, budget, insights in minor units", async () => {
    const c = await ads.createCampaign(s.ctx, { name: "Leads Q1", objective: "OUTCOME_LEADS" });
    const a = await ads.createAdSet(s.ctx, { campaignId: c.id, name: "FR", dailyBudgetMinor: 2000, targeting: { countries: ["FR"] } });
    const ad = await ads.createAd(s.ctx, { adSetId: a.id, name: "Ad 1", creative: { text: "Try it", link: "https://acme.example", pageId: "1001" } });
    expect(ad.id).toBeTruthy();
    await ads.setStatus(s.ctx, "campaign", c.id, "ACTIVE");
    await ads.setBudget(s.ctx, "adset", a.id, 3000);
    expect(fake.objects.get(c.id)!.status).toBe("ACTIVE");
    expect(Number(fake.objects.get(a.id)!.daily_budget)).toBe(3000);
    const rows = await ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-07" });
    expect(rows[0]).toMatchObject({ objectId: c.id, spendMinor: 1234, impressions: 1000, leads: 3, conversions: 2, conversionValueMinor: 3050 });
  });

  it("one object per call: image (hash) -> creative -> ad; parents are checked; targeting update", async () => {
    const c = await ads.createCampaign(s.ctx, { name: "Sales", objective: "OUTCOME_SALES" });
    const a = await ads.createAdSet(s.ctx, { campaignId: c.id, name: "FR 25-55", dailyBudgetMinor: 2000, targeting: { countries: ["FR"], ageMin: 25, ageMax: 55 } });
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    const img = await ads.uploadImage!(s.ctx, { name: "visual-a.jpg", bytes: png, mimeType: "image/jpeg" });
    expect(img.id).toMatch(/^[0-9a-f]{32}$/);
    expect(fake.server.callsTo(/act_555\/adimages/).at(-1)!.body).toContain("bytes=");
    const creativeCalls = fake.server.callsTo(/act_555\/adcreatives/).length;
    const cr = await ads.createCreative!(s.ctx, { name: "A", creative: { text: "Try it", headline: "New", link: "https://acme.example", imageId: img.id, pageId: "1001" } });
    expect(fake.objects.get(cr.id)!.object_story_spec.link_data.image_hash).toBe(img.id);
    const ad = await ads.createAd(s.ctx, { adSetId: a.id, name: "Ad A", creativeId: cr.id, creative: { text: "Try it", link: "https://acme.example" } });
    expect(fake.objects.get(ad.id)).toMatchObject({ kind: "ads", adset_id: a.id, creative: { creative_id: cr.id }, status: "PAUSED" });
    expect(fake.server.callsTo(/act_555\/adcreatives/)).toHaveLength(creativeCalls + 1); // the ad call made no second creative
    await expectConnectorError(ads.createAd(s.ctx, { adSetId: "120000000", name: "orphan", creativeId: cr.id, creative: { text: "x", link: "https://acme.example" } }), "validation");
    await expectConnectorError(ads.createCreative!(s.ctx, { name: "B", creative: { text: "x", link: "https://acme.example", imageId: "f".repeat(32) } }), "validation");
    await ads.setTargeting!(s.ctx, a.id, { countries: ["FR", "BE"], ageMin: 30, ageMax: 50 });
    expect(fake.objects.get(a.id)!.targeting).toEqual({ geo_locations: { countries: ["FR", "BE"] }, age_min: 30, age_max: 50 });
  });

  it("expired token -> refresh -> retry; throttling -> back off; validation -> non-retriable; 5xx -> retried", async () => {
    fake.oauth.expireAccessTokens();
    await ads.createCampaign(s.ctx, { name: "A", objective: "OUTCOME_TRAFFIC" });
    fake.server.inject(/act_555\/campaigns/, {
      status: 400,
      headers: { "x-business-use-case-usage": JSON.stringify({ act_555: [{ type: "ads_management", estimated_time_to_regain_access: 1 }] }) },
      json: metaErrors.body(80004, "too many calls"),
    });
    await ads.createCampaign(s.ctx, { name: "B", objective: "OUTCOME_TRAFFIC" });
    expect(s.sleeps).toEqual([60_000]);
    const err = await expectConnectorError(ads.createCampaign(s.ctx, { name: "C", objective: "" }), "validation");
    expect(err.message).toContain("Campaign objective is required");
    fake.server.inject(/act_555\/campaigns/, metaErrors.server());
    await ads.createCampaign(s.ctx, { name: "D", objective: "OUTCOME_TRAFFIC" });
    expect(s.sleeps).toHaveLength(2);
  });
});
