import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/tests/helpers/db";
import { until } from "@/tests/integration/runtime/harness";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * MKT-402 against PostgreSQL and the app's workflows on the embedded executor: the 23:59 tick fires
 * for Paris an hour before Dakar (and once per local date), a day's figures follow each organisation's
 * own midnight, the workflow writes one row per (brand, day, network) plus the organisation's sum, a
 * second run leaves every row identical (ids, figures, computedAt), the backfill recomputes a range
 * with progress (and refuses a range over 366 days naming the field), and the CSV export neutralises
 * formulas in a brand's name.
 */
let app: AppExecutor;
let t: TestDatabase;
type Tenant = { orgId: string; slug: string; brandId: string; accountId: string; adAccountId: string; key: string };
let paris: Tenant;
let dakar: Tenant;

async function tenant(slug: string, timezone: string, brandName: string): Promise<Tenant> {
  const { createApiKey } = await import("@/lib/orgs/api-keys");
  const org = await t.db.organization.create({ data: { slug, name: `Org ${slug}`, timezone, currency: "EUR" } });
  const brand = await t.db.brand.create({
    data: { organizationId: org.id, name: brandName, slug: "main", voice: "friendly", targetAudience: "SMBs", contentGuidelines: "be clear" },
  });
  const account = await t.db.socialAccount.create({
    data: { organizationId: org.id, brandId: brand.id, platform: "LINKEDIN", externalId: `li-${slug}`, name: "page", isSandbox: true },
  });
  const ads = await t.db.socialAccount.create({
    data: { organizationId: org.id, brandId: brand.id, platform: "META_ADS", externalId: `act-${slug}`, name: "ads", isSandbox: true },
  });
  const key = (await createApiKey({ organizationId: org.id, name: "write", scopes: ["write"] })).key;
  return { orgId: org.id, slug, brandId: brand.id, accountId: account.id, adAccountId: ads.id, key };
}

/** A post published at `postedAt` with cumulative snapshots [capturedAt, impressions, engagements]. */
async function post(x: Tenant, label: string, postedAt: string, snapshots: [string, number, number][]) {
  const piece = await t.db.contentPiece.create({
    data: { organizationId: x.orgId, brandId: x.brandId, platform: "LINKEDIN", status: "PUBLISHED", title: label, body: `Body ${label}` },
  });
  const pub = await t.db.publication.create({
    data: {
      organizationId: x.orgId,
      brandId: x.brandId,
      contentPieceId: piece.id,
      socialAccountId: x.accountId,
      platform: "LINKEDIN",
      status: "POSTED",
      scheduledAt: new Date(postedAt),
      postedAt: new Date(postedAt),
      idempotencyKey: `pub-${x.slug}-${label}`,
    },
  });
  for (const [at, impressions, engagements] of snapshots) {
    await t.db.contentMetricSnapshot.create({
      data: {
        organizationId: x.orgId,
        publicationId: pub.id,
        contentPieceId: piece.id,
        platform: "LINKEDIN",
        capturedAt: new Date(at),
        impressions,
        engagements,
        clicks: Math.floor(engagements / 2),
      },
    });
  }
  return pub.id;
}

const slices = (orgId: string) =>
  t.db.dailyAnalyticsSlice.findMany({ where: { organizationId: orgId }, orderBy: [{ day: "asc" }, { brandKey: "asc" }, { network: "asc" }] });
const orgRows = (orgId: string) => t.db.dailyAnalytics.findMany({ where: { organizationId: orgId }, orderBy: { day: "asc" } });

beforeAll(async () => {
  app = await startAppExecutor({
    dataDirPrefix: "me-daily-analytics-",
    functions: async () => {
      const m = await import("@/inngest/functions/utilities/mkt-402-daily-analytics");
      return [m.mkt402DailyAnalytics, m.mkt402Backfill];
    },
  });
  t = app.t;
  paris = await tenant("atelier-paris", "Europe/Paris", "Atelier Paris");
  dakar = await tenant("atelier-dakar", "Africa/Dakar", '=HYPERLINK("http://evil.test")');
  for (const x of [paris, dakar]) {
    // A post of 2 December whose metrics grow on the 2nd and the 3rd (UTC noon: the same local date in both zones).
    await post(x, "p1", "2026-12-02T09:00:00Z", [
      ["2026-12-02T12:00:00Z", 100, 10],
      ["2026-12-02T20:00:00Z", 300, 30],
      ["2026-12-03T12:00:00Z", 450, 41],
    ]);
    const campaign = await t.db.adCampaign.create({
      data: { organizationId: x.orgId, brandId: x.brandId, adAccountId: x.adAccountId, platform: "META_ADS", name: "Promo", status: "ACTIVE" },
    });
    await t.db.adMetricDaily.create({
      data: {
        organizationId: x.orgId,
        campaignId: campaign.id,
        level: "CAMPAIGN",
        entityId: campaign.id,
        day: new Date("2026-12-03T00:00:00Z"),
        impressions: 1000,
        clicks: 40,
        spendMinor: 5000,
        conversions: 2,
        conversionValueMinor: 15000,
      },
    });
    await t.db.lead.create({
      data: {
        organizationId: x.orgId,
        brandId: x.brandId,
        email: `hot-${x.slug}@example.test`,
        tier: "HOT",
        campaignId: campaign.id,
        createdAt: new Date("2026-12-03T10:00:00Z"),
      },
    });
    // 23:30 UTC on the 3rd: still the 3rd in Dakar, already the 4th in Paris.
    await t.db.lead.create({
      data: { organizationId: x.orgId, email: `late-${x.slug}@example.test`, tier: "COLD", createdAt: new Date("2026-12-03T23:30:00Z") },
    });
  }
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe("MKT-402 daily analytics", () => {
  it("fires at 23:59 in each organisation's time zone, once per local date (Paris before Dakar)", async () => {
    const { claimDailyAnalytics } = await import("@/lib/analytics/daily/claim-daily-analytics");
    const ids = [paris.orgId, dakar.orgId];
    // 22:44 UTC: 23:44 in Paris, 22:44 in Dakar: nobody.
    expect(await claimDailyAnalytics({ runKey: "tick-1:claim-organizations", now: new Date("2026-12-03T22:44:00Z"), organizationIds: ids })).toEqual([]);
    // 22:59 UTC = 23:59 in Paris (UTC+1 in December): Paris for the 3rd, not Dakar (22:59 there).
    expect(await claimDailyAnalytics({ runKey: "tick-2:claim-organizations", now: new Date("2026-12-03T22:59:00Z"), organizationIds: ids })).toEqual([
      { organizationId: paris.orgId, localDate: "2026-12-03" },
    ]);
    // 23:59 UTC = 23:59 in Dakar: Dakar for the 3rd; Paris (00:59 on the 4th) already claimed its 3rd.
    expect(await claimDailyAnalytics({ runKey: "tick-3:claim-organizations", now: new Date("2026-12-03T23:59:00Z"), organizationIds: ids })).toEqual([
      { organizationId: dakar.orgId, localDate: "2026-12-03" },
    ]);
    // The next ticks of the catch-up window claim nothing more.
    expect(await claimDailyAnalytics({ runKey: "tick-4:claim-organizations", now: new Date("2026-12-04T00:14:00Z"), organizationIds: ids })).toEqual([]);
    // In summer Paris is UTC+2: 21:59 UTC.
    const { dueAnalyticsDate } = await import("@/lib/analytics/daily/schedule");
    expect(dueAnalyticsDate(new Date("2026-07-01T21:59:00Z"), "Europe/Paris")).toBe("2026-07-01");
    expect(dueAnalyticsDate(new Date("2026-07-01T21:44:00Z"), "Europe/Paris")).toBeNull();
    expect(dueAnalyticsDate(new Date("2026-07-01T18:29:00Z"), "Asia/Kolkata")).toBe("2026-07-01");
  });

  it("writes content, ads and leads per brand, day and network; a second run leaves identical rows", { timeout: 120_000 }, async () => {
    const { analyticsDayRequested } = await import("@/inngest/events");
    for (const x of [paris, dakar])
      await app.inngest.send(analyticsDayRequested.create({ organizationId: x.orgId, localDate: "2026-12-03" }, { id: `analytics-day-${x.orgId}-2026-12-03` }));
    await until(
      "both runs finished",
      async () => (await t.db.runtimeRun.count({ where: { functionId: "marketing-engine-mkt-402-daily-analytics", status: "COMPLETED" } })) === 2,
      60_000,
    );

    const p = await slices(paris.orgId);
    const cell = (rows: typeof p, day: string, network: string, brandKey: string) =>
      rows.find((r) => r.day.toISOString().startsWith(day) && r.network === network && r.brandKey === brandKey);
    // The 2nd (the day before, recomputed too): the post went out and reached 300.
    expect(cell(p, "2026-12-02", "LINKEDIN", paris.brandId)).toMatchObject({ postsPublished: 1, impressions: 300, engagements: 30 });
    // The 3rd: the growth of that day only (450 - 300), the ad day, the hot lead from the Meta campaign.
    expect(cell(p, "2026-12-03", "LINKEDIN", paris.brandId)).toMatchObject({ postsPublished: 0, impressions: 150, engagements: 11 });
    expect(cell(p, "2026-12-03", "META_ADS", paris.brandId)).toMatchObject({
      adSpendMinor: 5000,
      adRevenueMinor: 15000,
      adClicks: 40,
      leadsNew: 1,
      leadsHot: 1,
    });
    // Paris: the 23:30 UTC lead is on the 4th (not computed); Dakar: on the 3rd, without brand or network.
    expect(cell(p, "2026-12-03", "NONE", "none")).toBeUndefined();
    const d = await slices(dakar.orgId);
    expect(cell(d, "2026-12-03", "NONE", "none")).toMatchObject({ leadsNew: 1, leadsCold: 1 });
    // The organisation's row is the sum.
    const [, parisDay3] = await orgRows(paris.orgId);
    expect(parisDay3).toMatchObject({ impressions: 150, adSpendMinor: 5000, leadsNew: 1, leadsHot: 1, roas: 3 });

    // Run again (as a retried step or a backfill would): every row identical, ids and computedAt included.
    const { computeDailyAnalytics } = await import("@/lib/analytics/daily/compute-daily-analytics");
    const before = { s: await slices(paris.orgId), o: await orgRows(paris.orgId) };
    await computeDailyAnalytics({ organizationId: paris.orgId, date: "2026-12-03", now: new Date("2026-12-05T00:00:00Z") });
    await computeDailyAnalytics({ organizationId: paris.orgId, date: "2026-12-02", now: new Date("2026-12-05T00:00:00Z") });
    expect(await slices(paris.orgId)).toEqual(before.s);
    expect(await orgRows(paris.orgId)).toEqual(before.o);

    // A late snapshot changes the 3rd: that row is rewritten, the others stay as they were.
    const pub = await t.db.publication.findFirstOrThrow({ where: { organizationId: paris.orgId } });
    await t.db.contentMetricSnapshot.create({
      data: {
        organizationId: paris.orgId,
        publicationId: pub.id,
        contentPieceId: pub.contentPieceId,
        platform: "LINKEDIN",
        capturedAt: new Date("2026-12-03T22:00:00Z"),
        impressions: 500,
        engagements: 45,
      },
    });
    await computeDailyAnalytics({ organizationId: paris.orgId, date: "2026-12-03" });
    const after = await slices(paris.orgId);
    expect(cell(after, "2026-12-03", "LINKEDIN", paris.brandId)).toMatchObject({
      impressions: 200,
      engagements: 15,
      id: cell(before.s, "2026-12-03", "LINKEDIN", paris.brandId)!.id,
    });
    expect(cell(after, "2026-12-03", "META_ADS", paris.brandId)).toEqual(cell(before.s, "2026-12-03", "META_ADS", paris.brandId));
  });

  it("backfills a range from the page's route with progress, and refuses a range over 366 days", { timeout: 120_000 }, async () => {
    const route = await import("@/app/api/orgs/[org]/analytics/backfills/route");
    const call = async (method: "GET" | "POST", x: Tenant, slug: string, body?: unknown) => {
      const res = await route[method](
        new Request(`http://localhost/api/orgs/${slug}/analytics/backfills`, {
          method,
          headers: { "x-api-key": x.key, "content-type": "application/json", "accept-language": "en" },
          ...(body ? { body: JSON.stringify(body) } : {}),
        }),
        { params: Promise.resolve({ org: slug }) } as never,
      );
      return {
        status: res.status,
        json: (await res.json()) as { backfill?: { id: string; status: string; daysDone: number; daysTotal: number } | null; error?: { field?: string } },
      };
    };
    const tooLong = await call("POST", dakar, dakar.slug, { from: "2025-01-01", to: "2026-12-01" });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.error?.field).toBe("to");
    expect((await call("POST", dakar, dakar.slug, { from: "2026-12-01", to: "2026-12-02", extra: 1 })).status).toBe(422);
    expect((await call("POST", dakar, paris.slug, { from: "2026-12-01", to: "2026-12-02" })).status).toBe(404);
    expect(await t.db.analyticsBackfill.count()).toBe(0);

    await t.db.dailyAnalyticsSlice.deleteMany({ where: { organizationId: dakar.orgId } });
    const started = await call("POST", dakar, dakar.slug, { from: "2026-12-01", to: "2026-12-03" });
    expect(started.status).toBe(202);
    expect(started.json.backfill).toMatchObject({ daysTotal: 3, status: "RUNNING" });
    const done = await until(
      "backfill done",
      async () => {
        const r = await call("GET", dakar, dakar.slug);
        return r.json.backfill?.status === "DONE" ? r.json.backfill : undefined;
      },
      60_000,
    );
    expect(done.daysDone).toBe(3);
    const days = [...new Set((await slices(dakar.orgId)).map((s) => s.day.toISOString().slice(0, 10)))];
    expect(days).toEqual(["2026-12-02", "2026-12-03"]); // the 1st had no activity: no row
  });

  it("exports the range as CSV with formulas neutralised", async () => {
    const route = await import("@/app/api/orgs/[org]/analytics/export/route");
    const res = await route.GET(
      new Request(`http://localhost/api/orgs/${dakar.slug}/analytics/export?from=2026-12-01&to=2026-12-03&lang=fr`, { headers: { "x-api-key": dakar.key } }),
      { params: Promise.resolve({ org: dakar.slug }) } as never,
    );
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM: French spreadsheets open it as UTF-8
    const text = new TextDecoder().decode(bytes); // the decoder drops the BOM
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^Date;Marque;Réseau;/);
    expect(lines.length).toBe(1 + (await slices(dakar.orgId)).length);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(text).not.toMatch(/;=HYPERLINK/);
    expect(text).toContain("Meta Ads");
  });
});
