import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createGoogleFake, GOOGLE_CLIENT, googleErrors, type GoogleFake } from "@/tests/fakes/google";
import { createTiktokBusinessFake, tiktokBusinessErrors, type TiktokBusinessFake } from "@/tests/fakes/tiktok-business";
import { contextFor, expectConnectorError, recordingRuntime, seedAccount, setEnv } from "./harness";
import type { AdsConnector } from "@/lib/connectors/types";

let t: TestDatabase;
let g: GoogleFake;
let tb: TiktokBusinessFake;
beforeAll(async () => {
  t = await createTestDatabase();
  g = createGoogleFake();
  tb = createTiktokBusinessFake();
  await Promise.all([g.server.start(), tb.server.start()]);
  setEnv({
    GOOGLE_ADS_CLIENT_ID: GOOGLE_CLIENT.clientId,
    GOOGLE_ADS_CLIENT_SECRET: GOOGLE_CLIENT.clientSecret,
    GOOGLE_ADS_DEVELOPER_TOKEN: GOOGLE_CLIENT.developerToken,
    GOOGLE_ADS_API_VERSION: "v23",
    PLATFORM_BASE_URLS: JSON.stringify({ google: g.server.url, tiktok_business: tb.server.url }),
  });
});
afterAll(async () => {
  await Promise.all([g.server.stop(), tb.server.stop()]);
  await t.cleanup();
  setEnv({ GOOGLE_ADS_CLIENT_ID: undefined, GOOGLE_ADS_CLIENT_SECRET: undefined, GOOGLE_ADS_DEVELOPER_TOKEN: undefined, PLATFORM_BASE_URLS: undefined });
});

describe("Google Ads REST connector against its fake", () => {
  let ads: AdsConnector;
  let s: Awaited<ReturnType<typeof seedAccount>> & ReturnType<typeof recordingRuntime> & { ctx: Awaited<ReturnType<typeof contextFor>> };
  beforeEach(async () => {
    const h = recordingRuntime();
    const tok = g.oauth.issue();
    const acc = await seedAccount(t.db, {
      platform: "google_ads",
      externalId: "123-456-7890",
      accessToken: tok.accessToken,
      refreshToken: tok.refreshToken,
      metadata: { loginCustomerId: "111-222-3333" },
    });
    s = { ...h, ...acc, ctx: await contextFor(acc.accountId, acc.orgId, h.deps()) };
    ads = h.registry.realAds("google_ads");
  });

  it("happy path: budget + campaign, ad group, RSA; status + budget mutate; searchStream insights in micros -> minor units", async () => {
    const c = await ads.createCampaign(s.ctx, { name: "Brand", objective: "SEARCH", dailyBudgetMinor: 5000 });
    const ag = await ads.createAdSet(s.ctx, { campaignId: c.id, name: "AG", dailyBudgetMinor: 0, targeting: { countries: ["FR"] } });
    await ads.createAd(s.ctx, { adSetId: ag.id, name: "RSA", creative: { text: "Best shoes in town", headline: "Shoes", link: "https://acme.example" } });
    await ads.setStatus(s.ctx, "campaign", c.id, "ACTIVE");
    await ads.setBudget(s.ctx, "campaign", c.id, 7000);
    const budget = [...g.resources.entries()].find(([k]) => k.includes("/campaignBudgets/"))![1];
    expect(budget.amountMicros).toBe("70000000");
    const call = g.server.callsTo(/campaigns:mutate/).at(0)!;
    expect(call.headers["developer-token"]).toBe(GOOGLE_CLIENT.developerToken);
    expect(call.headers["login-customer-id"]).toBe("1112223333");
    expect(call.path).toContain("/v23/customers/1234567890/");
    const rows = await ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-07" });
    expect(rows[0]).toMatchObject({ objectId: c.id, impressions: 1520, clicks: 88, spendMinor: 4512, conversions: 3, conversionValueMinor: 15050 });
    expect(g.server.callsTo(/searchStream/).at(-1)!.body).toContain("metrics.conversions_value");
  });

  it("expired token -> refresh -> retry; RESOURCE_EXHAUSTED -> back off RetryInfo; INVALID_ARGUMENT -> non-retriable; 5xx -> retried", async () => {
    g.oauth.expireAccessTokens();
    await ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-02" });
    expect(g.oauth.tokenCalls.at(-1)!.grantType).toBe("refresh_token");
    g.server.inject(/searchStream/, googleErrors.rateLimited(30));
    await ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-02" });
    expect(s.sleeps).toEqual([30_000]);
    g.server.inject(/searchStream/, googleErrors.validation("Unrecognized field in the query: 'metrics.video_views'."));
    const err = await expectConnectorError(ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-02" }), "validation");
    expect(err.message).toContain("metrics.video_views");
    expect(err.platformCode).toBe("queryError.UNRECOGNIZED_FIELD");
    g.server.inject(/searchStream/, googleErrors.server());
    await ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-02" });
    expect(s.sleeps).toHaveLength(2);
  });

  it("sunset version (v22) is refused", async () => {
    setEnv({ GOOGLE_ADS_API_VERSION: "v22" });
    try {
      await expectConnectorError(ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-02" }), "not_found");
    } finally {
      setEnv({ GOOGLE_ADS_API_VERSION: "v23" });
    }
  });
});

describe("TikTok Business API connector against its fake", () => {
  let ads: AdsConnector;
  let s: Awaited<ReturnType<typeof seedAccount>> & ReturnType<typeof recordingRuntime> & { ctx: Awaited<ReturnType<typeof contextFor>> };
  beforeEach(async () => {
    const h = recordingRuntime();
    const acc = await seedAccount(t.db, { platform: "tiktok_ads", externalId: "7000000001", accessToken: tb.issue(), expiresInSec: 10 * 365 * 86400 });
    s = { ...h, ...acc, ctx: await contextFor(acc.accountId, acc.orgId, h.deps()) };
    ads = h.registry.realAds("tiktok_ads");
  });

  it("happy path: Access-Token header (no Bearer), campaign/adgroup/ad, status, budget, report in minor units", async () => {
    const c = await ads.createCampaign(s.ctx, { name: "TT", objective: "TRAFFIC", dailyBudgetMinor: 5000 });
    const ag = await ads.createAdSet(s.ctx, { campaignId: c.id, name: "AG", dailyBudgetMinor: 2000, targeting: { countries: ["6252001"] } });
    await ads.createAd(s.ctx, { adSetId: ag.id, name: "Ad", creative: { text: "Hi", link: "https://acme.example", videoId: "v1" } });
    await ads.setStatus(s.ctx, "campaign", c.id, "ACTIVE");
    await ads.setBudget(s.ctx, "adset", ag.id, 3000);
    expect(tb.objects.get(c.id)).toMatchObject({ budget: 50, operation_status: "ENABLE" });
    expect(tb.objects.get(ag.id)!.budget).toBe(30);
    const call = tb.server.callsTo(/campaign\/create/).at(-1)!;
    expect(call.headers["access-token"]).toMatch(/^tt_/);
    expect(call.headers.authorization).toBeUndefined();
    const rows = await ads.fetchInsights(s.ctx, { level: "campaign", since: "2026-01-01", until: "2026-01-07" });
    expect(rows[0]).toMatchObject({ objectId: c.id, spendMinor: 1230, impressions: 1000, date: "2026-01-01", conversionValueMinor: 2460 });
  });

  it("image upload (multipart, MD5 signature) -> ad with image_ids; targeting update", async () => {
    const c = await ads.createCampaign(s.ctx, { name: "TT img", objective: "TRAFFIC", dailyBudgetMinor: 5000 });
    const ag = await ads.createAdSet(s.ctx, { campaignId: c.id, name: "AG", dailyBudgetMinor: 2000, targeting: { countries: ["6252001"] } });
    const img = await ads.uploadImage!(s.ctx, { name: "v.jpg", bytes: new Uint8Array([255, 216, 255, 1, 2, 3]), mimeType: "image/jpeg" });
    expect(img.id).toMatch(/^ad-site-i18n-sg\//);
    const ad = await ads.createAd(s.ctx, { adSetId: ag.id, name: "Ad", creative: { text: "Hi", link: "https://acme.example", imageId: img.id } });
    expect(tb.objects.get(ad.id)).toMatchObject({ creatives: [{ ad_format: "SINGLE_IMAGE", image_ids: [img.id] }] });
    await expectConnectorError(ads.createAd(s.ctx, { adSetId: "999", name: "Ad", creative: { text: "Hi", link: "https://acme.example" } }), "validation");
    await ads.setTargeting!(s.ctx, ag.id, { countries: ["6252001"], ageMin: 30, ageMax: 50 });
    expect(tb.objects.get(ag.id)!.age_groups).toEqual(["AGE_25_34", "AGE_35_44", "AGE_45_54"]);
  });

  it("40105 -> no refresh grant -> reconnect required (owner notified); 40100 -> back off; 40002 -> non-retriable; 50000 -> retried", async () => {
    tb.server.inject(/campaign\/create/, tiktokBusinessErrors.rateLimited());
    await ads.createCampaign(s.ctx, { name: "A", objective: "TRAFFIC" });
    expect(s.sleeps).toEqual([1000]);
    const err = await expectConnectorError(ads.createCampaign(s.ctx, { name: "", objective: "TRAFFIC" }), "validation");
    expect(err.message).toContain("campaign_name");
    tb.server.inject(/campaign\/create/, tiktokBusinessErrors.server());
    await ads.createCampaign(s.ctx, { name: "B", objective: "TRAFFIC" });
    expect(s.sleeps).toHaveLength(2);
    tb.tokens.clear();
    await expectConnectorError(ads.createCampaign(s.ctx, { name: "C", objective: "TRAFFIC" }), "reconnect_required");
    expect((await t.db.socialAccount.findUniqueOrThrow({ where: { id: s.accountId } })).status).toBe("RECONNECT_REQUIRED");
    expect(await t.db.notification.count({ where: { organizationId: s.orgId, type: "account.reconnect_required" } })).toBe(1);
  });
});
