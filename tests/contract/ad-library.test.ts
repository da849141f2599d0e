import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createMetaFake, META_CLIENT, metaErrors, type MetaFake } from "@/tests/fakes/meta";
import { contextFor, expectConnectorError, recordingRuntime, seedAccount, setEnv } from "./harness";
import type { AdLibraryConnector } from "@/lib/connectors/types";

/**
 * MKT-201's Ad Library connector (GET /ads_archive) against the Meta fake: cursor paging to the empty
 * page, the page bound, rate limits backed off, and the error shapes (validation 100, identity not
 * confirmed 10/2332002, expired token 190, 5xx).
 */
let t: TestDatabase;
let fake: MetaFake;

beforeAll(async () => {
  t = await createTestDatabase();
  fake = createMetaFake();
  await fake.server.start();
  setEnv({ META_APP_ID: META_CLIENT.clientId, META_APP_SECRET: META_CLIENT.clientSecret, PLATFORM_BASE_URLS: JSON.stringify({ meta: fake.server.url }), META_GRAPH_VERSION: "v25.0" });
  const ad = (i: number, page: { id: string; name: string }, over: Record<string, unknown> = {}) => ({
    id: `${900000 + i}`,
    ad_creation_time: "2026-11-20T10:00:00+0000",
    ad_creative_bodies: [`${page.name}: offre ${i}`],
    ad_creative_link_titles: [`Titre ${i}`],
    ad_creative_link_descriptions: [],
    ad_delivery_start_time: "2026-11-21",
    ad_snapshot_url: `https://www.facebook.com/ads/archive/render_ad/?id=${900000 + i}`,
    page_id: page.id,
    page_name: page.name,
    publisher_platforms: ["facebook", "instagram"],
    languages: ["fr"],
    spend: { lower_bound: "100", upper_bound: "199" },
    countries: ["FR"],
    ...over,
  });
  const wax = { id: "100000000000001", name: "Maison Wax & Bois" };
  const other = { id: "100000000000002", name: "Autre Marque" };
  fake.adLibrary.ads.push(
    ...Array.from({ length: 60 }, (_, i) => ad(i, wax)),
    ad(100, wax, { ad_delivery_stop_time: "2026-11-30" }),
    ad(101, wax, { countries: ["US"] }),
    ...Array.from({ length: 3 }, (_, i) => ad(200 + i, other)),
  );
});
afterAll(async () => {
  await fake.server.stop();
  await t.cleanup();
  setEnv({ META_APP_ID: undefined, META_APP_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

describe("Meta Ad Library connector against the Graph fake", () => {
  let s: Awaited<ReturnType<typeof seedAccount>> & ReturnType<typeof recordingRuntime> & { ctx: Awaited<ReturnType<typeof contextFor>> };
  let lib: AdLibraryConnector;
  beforeEach(async () => {
    fake.adLibrary.identityConfirmed = true;
    const h = recordingRuntime();
    const { userToken } = fake.consent();
    const acc = await seedAccount(t.db, { platform: "meta_ads", externalId: "act_555", accessToken: userToken, refreshToken: userToken });
    s = { ...h, ...acc, ctx: await contextFor(acc.accountId, acc.orgId, h.deps()) };
    lib = h.registry.adLibrary({ isSandbox: false });
    expect(lib.sandbox).toBe(false);
  });

  it("pages with `after` cursors until the empty page; active ads of the countries asked only; fields normalised", async () => {
    const r = await lib.searchAds(s.ctx, { searchTerms: "Maison Wax", countries: ["FR", "SN"], pageSize: 25 });
    expect(r).toMatchObject({ pages: 4, truncated: false }); // 25 + 25 + 10, then the empty page
    expect(r.ads).toHaveLength(60);
    expect(new Set(r.ads.map((a) => a.id)).size).toBe(60);
    expect(r.ads[0]).toMatchObject({
      id: "900000",
      pageId: "100000000000001",
      pageName: "Maison Wax & Bois",
      bodies: ["Maison Wax & Bois: offre 0"],
      linkTitles: ["Titre 0"],
      publisherPlatforms: ["FACEBOOK", "INSTAGRAM"],
      snapshotUrl: expect.stringContaining("render_ad"),
    });
    expect(r.ads[0]!.deliveryStart?.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    const calls = fake.server.callsTo(/\/ads_archive/);
    const first = new URL(calls.at(-4)!.path, fake.server.url).searchParams;
    expect(JSON.parse(first.get("ad_reached_countries")!)).toEqual(["FR", "SN"]);
    expect(first.get("ad_active_status")).toBe("ACTIVE");
    expect(first.get("fields")).toContain("ad_creative_bodies");
    expect(first.get("after")).toBeNull();
    expect(new URL(calls.at(-1)!.path, fake.server.url).searchParams.get("after")).toBeTruthy();
  });

  it("page ids instead of keywords; maxPages bounds the calls and says it stopped early", async () => {
    const r = await lib.searchAds(s.ctx, { pageIds: ["100000000000002"], countries: ["FR"] });
    expect(r.ads.map((a) => a.id)).toEqual(["900200", "900201", "900202"]);
    const bounded = await lib.searchAds(s.ctx, { searchTerms: "Maison Wax", countries: ["FR"], pageSize: 10, maxPages: 2 });
    expect(bounded).toMatchObject({ pages: 2, truncated: true });
    expect(bounded.ads).toHaveLength(20);
  });

  it("rate limit (613) -> waits and resumes on the same page", async () => {
    fake.server.inject(/\/ads_archive/, { status: 400, json: metaErrors.body(613, "Calls to this api have exceeded the rate limit.") });
    const r = await lib.searchAds(s.ctx, { pageIds: ["100000000000002"], countries: ["FR"] });
    expect(r.ads).toHaveLength(3);
    expect(s.sleeps).toEqual([60_000]);
    // Business use case throttling tells how long: that is how long it waits.
    fake.server.inject(/\/ads_archive/, {
      status: 400,
      headers: { "x-business-use-case-usage": JSON.stringify({ "555": [{ type: "ads_insights", estimated_time_to_regain_access: 2 }] }) },
      json: metaErrors.body(80000, "There have been too many calls from this ad-account."),
    });
    await lib.searchAds(s.ctx, { pageIds: ["100000000000002"], countries: ["FR"] });
    expect(s.sleeps).toEqual([60_000, 120_000]);
  });

  it("error shapes: validation (100), identity not confirmed (10/2332002), expired token (190) refreshed, 5xx retried", async () => {
    const bad = await expectConnectorError(lib.searchAds(s.ctx, { searchTerms: "x", countries: ["France"] }), "validation");
    expect(bad.message).toContain("ad_reached_countries[0]");
    expect(bad.platformCode).toBe("100");
    await expectConnectorError(lib.searchAds(s.ctx, { countries: ["FR"] }), "validation");
    await expectConnectorError(lib.searchAds(s.ctx, { searchTerms: "x", countries: [] }), "validation");
    fake.adLibrary.identityConfirmed = false;
    const denied = await expectConnectorError(lib.searchAds(s.ctx, { searchTerms: "Maison", countries: ["FR"] }), "permission");
    expect(denied.platformCode).toBe("10/2332002");
    expect(denied.message).toContain("facebook.com/ads/library/api");
    fake.adLibrary.identityConfirmed = true;
    fake.oauth.expireAccessTokens();
    const after = await lib.searchAds(s.ctx, { pageIds: ["100000000000002"], countries: ["FR"] });
    expect(after.ads).toHaveLength(3);
    expect(fake.oauth.tokenCalls.at(-1)!.grantType).toBe("fb_exchange_token");
    fake.server.inject(/\/ads_archive/, metaErrors.server());
    expect((await lib.searchAds(s.ctx, { pageIds: ["100000000000002"], countries: ["FR"] })).ads).toHaveLength(3);
    expect(s.sleeps.length).toBe(1);
  });
});
