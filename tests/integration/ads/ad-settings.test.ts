import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedAmplifiable } from "./support";

/**
 * Settings → Advertising (issue 13): the caps the owner sets are the ones every approval, launch and
 * budget change is checked against; this month's figures are reported spend + what committed campaigns
 * plan to spend until the month's end; a campaign cap above the monthly cap is refused naming the field,
 * with nothing written; an API key (any scope) cannot change them and another organisation gets a 404.
 */
let t: TestDatabase;
let settings: typeof import("@/lib/ads/ad-settings");
let guard: typeof import("@/lib/ads/spend-guard");
let route: typeof import("@/app/api/orgs/[org]/ad-settings/route");
let keys: typeof import("@/lib/orgs/api-keys");
let a: Awaited<ReturnType<typeof seedAmplifiable>>;
let b: Awaited<ReturnType<typeof seedAmplifiable>>;
const NOW = new Date("2026-12-10T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  settings = await import("@/lib/ads/ad-settings");
  guard = await import("@/lib/ads/spend-guard");
  route = await import("@/app/api/orgs/[org]/ad-settings/route");
  keys = await import("@/lib/orgs/api-keys");
  a = await seedAmplifiable(t.db);
  b = await seedAmplifiable(t.db);
  await t.db.organization.update({ where: { id: a.orgId }, data: { timezone: "Africa/Dakar", currency: "XOF" } });
});
afterAll(async () => {
  await t?.cleanup();
});

async function campaign(status: "ACTIVE" | "DRAFT" | "ARCHIVED", spentMinor: number) {
  return t.db.adCampaign.create({
    data: { organizationId: a.orgId, brandId: a.brandId, adAccountId: a.adAccountId, platform: "META_ADS", name: `C ${status}`, status, currency: "XOF", dailyBudgetMinor: 10_000, totalBudgetMinor: 1_000_000, spentMinor, startAt: new Date("2026-12-01T08:00:00Z") },
  });
}

describe("Settings → Advertising", () => {
  it("defaults when never set; this month = reported spend + committed campaigns' plan to the month's end (drafts and archived do not count)", async () => {
    const active = await campaign("ACTIVE", 50_000);
    await campaign("DRAFT", 0);
    await campaign("ARCHIVED", 90_000);
    await t.db.adMetricDaily.create({ data: { organizationId: a.orgId, campaignId: active.id, level: "CAMPAIGN", entityId: active.id, day: new Date("2026-12-05T00:00:00Z"), currency: "XOF", spendMinor: 50_000 } });
    // November's spend is not this month's.
    await t.db.adMetricDaily.create({ data: { organizationId: a.orgId, campaignId: active.id, level: "CAMPAIGN", entityId: active.id, day: new Date("2026-11-28T00:00:00Z"), currency: "XOF", spendMinor: 7_000 } });
    const s = await settings.readAdSettings({ organizationId: a.orgId, now: NOW });
    // 10 Dec .. 31 Dec inclusive = 22 days x 10,000.
    expect(s).toMatchObject({ monthlyCapMinor: 100_000, campaignCapMinor: 50_000, autoApply: false, currency: "XOF", changedBy: null, changedAt: null, month: { month: "2026-12", spentMinor: 50_000, plannedMinor: 220_000, committedCampaigns: 1 } });
  });

  it("the owner's caps are stored with who and when, and are the ones the spend guard enforces", async () => {
    const s = await settings.updateAdSettings({ organizationId: a.orgId, userId: a.ownerId, input: { monthlyCapMinor: 2_000_000, campaignCapMinor: 300_000 }, now: NOW });
    expect(s).toMatchObject({ monthlyCapMinor: 2_000_000, campaignCapMinor: 300_000, autoApply: false, changedBy: "Awa", changedAt: NOW.toISOString() });
    const plan = { id: "new", dailyBudgetMinor: 10_000, totalBudgetMinor: 300_001, spentMinor: 0, startAt: NOW, endAt: null };
    await expect(guard.assertWithinCaps({ organizationId: a.orgId, plan, now: NOW })).rejects.toMatchObject({ code: "conflict", field: "totalBudgetMinor" });
    await expect(guard.assertWithinCaps({ organizationId: a.orgId, plan: { ...plan, totalBudgetMinor: 300_000 }, now: NOW })).resolves.toBeUndefined();
    // Auto-apply alone leaves the caps as they are.
    expect(await settings.updateAdSettings({ organizationId: a.orgId, userId: a.ownerId, input: { autoApply: true }, now: NOW })).toMatchObject({ monthlyCapMinor: 2_000_000, campaignCapMinor: 300_000, autoApply: true });
    expect((await guard.getAdSettings(a.orgId)).autoApply).toBe(true);
  });

  it("a campaign cap above the monthly cap is refused naming campaignCapMinor; nothing is written", async () => {
    const before = await t.db.adSettings.findUniqueOrThrow({ where: { organizationId: a.orgId } });
    await expect(settings.updateAdSettings({ organizationId: a.orgId, userId: a.ownerId, input: { monthlyCapMinor: 100_000 }, now: NOW })).rejects.toMatchObject({ code: "validation", field: "campaignCapMinor" });
    expect(await t.db.adSettings.findUniqueOrThrow({ where: { organizationId: a.orgId } })).toEqual(before);
  });

  it("through the route: an API key of any scope cannot change them (403), a read key reads them, another organisation's key gets 404, bad input names the field", async () => {
    const call = (method: "GET" | "PATCH", slug: string, key: string, body?: unknown) =>
      route[method](
        new Request(`http://localhost/api/orgs/${slug}/ad-settings`, { method, headers: { "x-api-key": key, "content-type": "application/json", "accept-language": "en" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
        { params: Promise.resolve({ org: slug }) } as never,
      );
    const write = (await keys.createApiKey({ organizationId: a.orgId, name: "write", scopes: ["write"] })).key;
    const read = (await keys.createApiKey({ organizationId: a.orgId, name: "read", scopes: ["read"] })).key;
    const foreign = (await keys.createApiKey({ organizationId: b.orgId, name: "read", scopes: ["read", "write"] })).key;
    const before = await t.db.adSettings.findUniqueOrThrow({ where: { organizationId: a.orgId } });
    expect((await call("PATCH", a.slug, write, { monthlyCapMinor: 99_000_000 })).status).toBe(403);
    expect((await call("PATCH", a.slug, write, { monthlyCapMinor: "lots" })).status).toBe(403);
    const got = await call("GET", a.slug, read);
    expect(got.status).toBe(200);
    expect(((await got.json()) as { settings: { monthlyCapMinor: number } }).settings.monthlyCapMinor).toBe(2_000_000);
    expect((await call("GET", a.slug, foreign)).status).toBe(404);
    expect((await call("PATCH", a.slug, foreign, { autoApply: false })).status).toBe(404);
    expect(await t.db.adSettings.findUniqueOrThrow({ where: { organizationId: a.orgId } })).toEqual(before);
    expect(await t.db.adSettings.findUnique({ where: { organizationId: b.orgId } })).toBeNull();
  });
});
