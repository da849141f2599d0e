import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createMetaFake, META_CLIENT, type MetaFake } from "@/tests/fakes/meta";
import { recordingRuntime, seedAccount, setEnv } from "@/tests/contract/harness";

/**
 * MKT-201 against the Meta Graph fake (the documented /ads_archive contract, over HTTP): each brand's
 * active competitors are queried (page ids or search terms, the competitor's or the brand's countries),
 * ads are stored once per creative (re-runs under another archive id folded into one row), a second
 * day flags only what is new and marks what stopped, a competitor whose query the API refuses is
 * reported while the others go on, the AI summary and the notification are written, and the page's
 * listing filters and stays inside its organisation. Then the sandbox path and the 06:00 local claim.
 */
let t: TestDatabase;
let fake: MetaFake;
const DAY = 86_400_000;
const wax = { id: "100000000000001", name: "Maison Wax & Bois" };
const atelier = { id: "100000000000002", name: "Atelier Baobab" };
const ad = (i: number, page: { id: string; name: string }, over: Record<string, unknown> = {}) => ({
  id: `${900000 + i}`,
  ad_creation_time: "2026-11-20T10:00:00+0000",
  ad_creative_bodies: [`${page.name} : -${10 + i} % sur la collection ${i}`],
  ad_creative_link_titles: [`Offre ${i}`],
  ad_creative_link_descriptions: [],
  ad_delivery_start_time: "2026-11-21",
  ad_snapshot_url: `https://www.facebook.com/ads/archive/render_ad/?id=${900000 + i}`,
  page_id: page.id,
  page_name: page.name,
  publisher_platforms: i % 2 ? ["facebook"] : ["facebook", "instagram"],
  languages: ["fr"],
  countries: ["SN"],
  ...over,
});

beforeAll(async () => {
  t = await createTestDatabase();
  fake = createMetaFake();
  await fake.server.start();
  setEnv({ META_APP_ID: META_CLIENT.clientId, META_APP_SECRET: META_CLIENT.clientSecret, PLATFORM_BASE_URLS: JSON.stringify({ meta: fake.server.url }), META_GRAPH_VERSION: "v25.0" });
});
afterAll(async () => {
  await fake?.server.stop();
  await t?.cleanup();
  setEnv({ META_APP_ID: undefined, META_APP_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

async function seedBrand(orgId: string, name: string, countries: string[]) {
  return t.db.brand.create({ data: { organizationId: orgId, name, slug: name.toLowerCase().replace(/\W+/g, "-"), voice: "Chaleureuse", targetAudience: "Hôtels", contentGuidelines: "-", countries } });
}

describe("MKT-201 competitor research", () => {
  it("stores each competitor's ads once, flags new ones the next day, reports a refused query, summarises and notifies", { timeout: 120_000 }, async () => {
    const { researchCompetitors } = await import("@/lib/ads/competitor-research");
    const { listCompetitorAds, competitorAdFiltersSchema } = await import("@/lib/ads/list-competitor-ads");
    const h = recordingRuntime();
    const { userToken } = fake.consent();
    const acc = await seedAccount(t.db, { platform: "meta_ads", externalId: "act_201", accessToken: userToken, refreshToken: userToken });
    const brand = await seedBrand(acc.orgId, "Kaïa Mobilier", ["SN"]);
    const byPage = await t.db.competitor.create({ data: { organizationId: acc.orgId, brandId: brand.id, name: wax.name, facebookPageId: wax.id } });
    const byTerms = await t.db.competitor.create({ data: { organizationId: acc.orgId, brandId: brand.id, name: "Baobab", searchTerms: ["atelier baobab"] } });
    const refused = await t.db.competitor.create({ data: { organizationId: acc.orgId, brandId: brand.id, name: "Nowhere", countries: ["S1"] } });
    await t.db.competitor.create({ data: { organizationId: acc.orgId, brandId: brand.id, name: "Paused watch", searchTerms: ["atelier baobab"], isActive: false } });

    // Wax: 3 creatives, one re-run under a second archive id (same page, body and title; other spacing and case).
    fake.adLibrary.ads.push(ad(1, wax), ad(2, wax), ad(3, wax), ad(4, wax, { ad_creative_bodies: [`  ${wax.name.toUpperCase()} :  -11 % sur la collection 1 `], ad_creative_link_titles: ["offre 1"] }));
    // Baobab: 2 creatives in Senegal, one only in the US (outside the brand's countries).
    fake.adLibrary.ads.push(ad(10, atelier), ad(11, atelier), ad(12, atelier, { countries: ["US"] }));

    const day1 = new Date("2026-12-01T06:05:00Z");
    const first = await researchCompetitors({ organizationId: acc.orgId, registry: h.registry, refreshDeps: h.deps(), now: day1 });
    expect(first.sandbox).toBe(false);
    const b = first.brands[0]!;
    expect(first.brands).toHaveLength(1);
    expect(b.competitors.map((c) => [c.name, c.ads, c.newAds, c.error === null])).toEqual([
      [wax.name, 3, 3, true],
      ["Baobab", 2, 2, true],
      ["Nowhere", 0, 0, false],
    ]);
    expect(b.competitors[2]!.error).toMatch(/^validation: .*ad_reached_countries/);
    expect(b).toMatchObject({ ads: 5, newAds: 5, placements: { FACEBOOK: 3, "FACEBOOK+INSTAGRAM": 2 } });
    expect(b.insight?.summary.length).toBeGreaterThan(0);
    const rows = await t.db.competitorAd.findMany({ where: { organizationId: acc.orgId }, orderBy: { externalId: "asc" } });
    expect(rows.map((r) => r.externalId)).toEqual(["900001", "900002", "900003", "900010", "900011"]);
    expect(rows.find((r) => r.externalId === "900001")!.duplicateIds).toEqual(["900004"]);
    expect(rows.every((r) => r.isActive && r.firstSeenAt.getTime() === day1.getTime())).toBe(true);
    expect(rows.filter((r) => r.competitorId === byPage.id)).toHaveLength(3);
    expect(rows.filter((r) => r.competitorId === byTerms.id)).toHaveLength(2);
    expect(await t.db.competitorAd.count({ where: { competitorId: refused.id } })).toBe(0);
    const note = await t.db.notification.findFirst({ where: { organizationId: acc.orgId, type: "ads.competitors" } });
    expect(note).toMatchObject({ actionUrl: expect.stringContaining(`/campaigns/competitors?brand=${brand.id}&new=1`) });

    // Day 2: Wax stops ad 2 and starts ad 5; the re-run appears under a third archive id.
    fake.adLibrary.ads.find((a) => a.id === "900002")!.ad_delivery_stop_time = "2026-12-01";
    fake.adLibrary.ads.push(ad(5, wax), ad(6, wax, { ad_creative_bodies: [`${wax.name} : -11 % sur la collection 1`], ad_creative_link_titles: ["Offre 1"] }));
    const day2 = new Date(day1.getTime() + DAY);
    const second = await researchCompetitors({ organizationId: acc.orgId, registry: h.registry, refreshDeps: h.deps(), now: day2 });
    expect(second.brands[0]!.competitors.map((c) => [c.name, c.ads, c.newAds])).toEqual([
      [wax.name, 3, 1],
      ["Baobab", 2, 0],
      ["Nowhere", 0, 0],
    ]);
    const after = await t.db.competitorAd.findMany({ where: { competitorId: byPage.id }, orderBy: { externalId: "asc" } });
    expect(after.map((r) => [r.externalId, r.isActive, r.firstSeenAt.getTime() === day2.getTime()])).toEqual([
      ["900001", true, false],
      ["900002", false, false],
      ["900003", true, false],
      ["900005", true, true],
    ]);
    expect(after[0]!.duplicateIds).toEqual(["900004", "900006"]);

    // The page's listing: the run's summary, new ones flagged, filters, and nothing across organisations.
    await t.db.adDailyRun.create({ data: { organizationId: acc.orgId, job: "mkt-201", localDate: "2026-12-02", startedAt: day2, finishedAt: day2, summary: second } });
    const all = await listCompetitorAds({ organizationId: acc.orgId, filters: competitorAdFiltersSchema.parse({}) });
    expect(all.total).toBe(5);
    expect(all.ads[0]).toMatchObject({ externalId: "900005", isNew: true, competitorName: wax.name });
    expect(all.ads.filter((a) => a.isNew)).toHaveLength(1);
    expect(all.lastRun?.brands[0]?.insight?.angles).toBeDefined();
    const onlyNew = await listCompetitorAds({ organizationId: acc.orgId, filters: competitorAdFiltersSchema.parse({ new: "1" }) });
    expect(onlyNew.ads.map((a) => a.externalId)).toEqual(["900005"]);
    const withStopped = await listCompetitorAds({ organizationId: acc.orgId, filters: competitorAdFiltersSchema.parse({ status: "all", competitor: byPage.id }) });
    expect(withStopped.ads.map((a) => a.externalId).sort()).toEqual(["900001", "900002", "900003", "900005"]);
    const instagram = await listCompetitorAds({ organizationId: acc.orgId, filters: competitorAdFiltersSchema.parse({ placement: "INSTAGRAM" }) });
    expect(instagram.ads.every((a) => a.placements.includes("INSTAGRAM"))).toBe(true);
    expect(instagram.ads.map((a) => a.externalId)).toEqual(["900010"]);
    const junk = competitorAdFiltersSchema.parse({ placement: "SNAPCHAT", status: "nope", new: "yes" });
    expect(junk).toEqual({ status: "active" });

    const other = await seedAccount(t.db, { platform: "meta_ads", externalId: "act_other", accessToken: userToken });
    const leak = await listCompetitorAds({ organizationId: other.orgId, filters: competitorAdFiltersSchema.parse({ brand: brand.id, competitor: byPage.id }) });
    expect(leak).toMatchObject({ total: 0, ads: [], brands: [], competitors: [], lastRun: null });
  });

  it("without a Meta Ads account reads the sandbox Ad Library: re-runs folded, the same day twice adds nothing", { timeout: 60_000 }, async () => {
    const { researchCompetitors } = await import("@/lib/ads/competitor-research");
    const org = await t.db.organization.create({ data: { slug: `sbx-${Date.now()}`, name: "Sandbox Org" } });
    const brand = await seedBrand(org.id, "Sahel Déco", ["SN", "FR"]);
    await t.db.competitor.create({ data: { organizationId: org.id, brandId: brand.id, name: "Dakar Design", searchTerms: ["dakar design"] } });
    const now = new Date("2026-12-03T07:00:00Z");
    // The sandbox library on the research's clock (its ads follow the day; on the wall clock this test changed answer from one day to the next).
    const { createSandboxAdLibraryConnector } = await import("@/lib/connectors/sandbox/ad-library");
    const { connectors } = await import("@/lib/connectors/registry");
    let clock = now.getTime();
    const registry = { ...connectors, adLibrary: () => createSandboxAdLibraryConnector({ now: () => clock }) };
    const first = await researchCompetitors({ organizationId: org.id, now, registry });
    expect(first.sandbox).toBe(true);
    const raw = await createSandboxAdLibraryConnector({ now: () => now.getTime() }).searchAds({} as never, { searchTerms: "dakar design", countries: ["SN", "FR"] });
    const { groupDuplicates } = await import("@/lib/ads/competitor-research");
    expect(first.brands[0]!.newAds).toBe(groupDuplicates(raw.ads).length);
    expect(await t.db.competitorAd.count({ where: { organizationId: org.id } })).toBe(groupDuplicates(raw.ads).length);
    clock = now.getTime() + 3600_000;
    const again = await researchCompetitors({ organizationId: org.id, now: new Date(clock), registry });
    expect(again.brands[0]!.newAds).toBe(0);
    expect(again.brands[0]!.insight?.summary).toBeTruthy();
  });

  it("the hourly tick claims an organisation once per local date, from 06:00 in its own time zone", async () => {
    const { claimDailyRuns } = await import("@/lib/ads/daily-runs");
    const dakar = await t.db.organization.create({ data: { slug: `dkr-${Date.now()}`, name: "Dakar", timezone: "Africa/Dakar" } });
    const reunion = await t.db.organization.create({ data: { slug: `reu-${Date.now()}`, name: "Réunion", timezone: "Indian/Reunion" } });
    const ids = [dakar.id, reunion.id];
    // 03:00 UTC: 03:00 in Dakar, 07:00 in La Réunion.
    expect(await claimDailyRuns({ job: "mkt-201", hour: 6, runKey: "tick-1:claim-organizations", now: new Date("2026-12-04T03:00:00Z"), organizationIds: ids })).toEqual([{ organizationId: reunion.id, localDate: "2026-12-04" }]);
    expect(await claimDailyRuns({ job: "mkt-201", hour: 6, runKey: "tick-2:claim-organizations", now: new Date("2026-12-04T05:59:00Z"), organizationIds: ids })).toEqual([]);
    expect(await claimDailyRuns({ job: "mkt-201", hour: 6, runKey: "tick-3:claim-organizations", now: new Date("2026-12-04T06:00:00Z"), organizationIds: ids })).toEqual([{ organizationId: dakar.id, localDate: "2026-12-04" }]);
    expect(await claimDailyRuns({ job: "mkt-201", hour: 6, runKey: "tick-4:claim-organizations", now: new Date("2026-12-04T09:00:00Z"), organizationIds: ids })).toEqual([]);
  });
});
