import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/tests/helpers/db";
import { until } from "@/tests/integration/runtime/harness";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * "Run research now" on the competitors page, through the route handler with real PostgreSQL and the
 * app's workflow on the embedded executor: nothing to research is a 409; a read-only key is refused;
 * bad input is a 422 naming the field; a start is a 202 that claims the run at once (the page shows it
 * running, a second click is a 409), MKT-201 then runs for this organisation only (sandbox Ad
 * Library) and the page shows its summary; another organisation's slug is a 404; past the hourly
 * limit a 429 with Retry-After; a run that failed is shown as failed while the previous summary stays.
 */
let app: AppExecutor;
let t: TestDatabase;
type Tenant = { slug: string; orgId: string; brandId: string; write: string; read: string };
let a: Tenant;
let b: Tenant;
let route: typeof import("@/app/api/orgs/[org]/competitors/research/route");

async function tenant(label: string): Promise<Tenant> {
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createOrganization } = await import("@/lib/orgs/create-organization");
  const { createApiKey } = await import("@/lib/orgs/api-keys");
  const owner = await signUp({ name: `Owner ${label}`, email: `research-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `Veille ${label}` } });
  const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: org.id } });
  await t.db.brand.update({ where: { id: brand.id }, data: { countries: ["SN", "FR"] } });
  const write = (await createApiKey({ organizationId: org.id, name: "write", scopes: ["write"] })).key;
  const read = (await createApiKey({ organizationId: org.id, name: "read", scopes: ["read"] })).key;
  return { slug: org.slug, orgId: org.id, brandId: brand.id, write, read };
}

const post = async (key: string, slug: string, body: unknown = {}) => {
  const res = await route.POST(
    new Request(`http://localhost/api/orgs/${slug}/competitors/research`, { method: "POST", headers: { "x-api-key": key, "content-type": "application/json", "accept-language": "en" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ org: slug }) } as never,
  );
  return { status: res.status, retryAfter: res.headers.get("retry-after"), json: (await res.json()) as { requestId?: string; startedAt?: string; error?: { code: string; field?: string; message: string } } };
};

const manualRows = (orgId: string) => t.db.adDailyRun.findMany({ where: { organizationId: orgId, job: "mkt-201-manual" } });
const runsOf = (orgId: string) => t.db.runtimeRun.findMany({ where: { functionId: "marketing-engine-mkt-201-research-on-demand", event: { path: ["data", "organizationId"], equals: orgId } } });

beforeAll(async () => {
  app = await startAppExecutor({
    dataDirPrefix: "me-research-now-",
    functions: async () => [(await import("@/inngest/functions/amplification/mkt-201-competitor-research")).mkt201ResearchOnDemand],
  });
  t = app.t;
  // Imported after the executor: the route's Inngest client reads APP_URL when it is loaded.
  route = await import("@/app/api/orgs/[org]/competitors/research/route");
  a = await tenant("a");
  b = await tenant("b");
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe('"Run research now" (MKT-201 on demand)', () => {
  it("refuses what it cannot do, starts one run at a time, and the page shows it running then its summary", { timeout: 180_000 }, async () => {
    const { listCompetitorAds, competitorAdFiltersSchema } = await import("@/lib/ads/list-competitor-ads");
    const view = (orgId: string) => listCompetitorAds({ organizationId: orgId, filters: competitorAdFiltersSchema.parse({}) });

    // Nothing watched: a 409 in words, nothing claimed, nothing sent.
    const none = await post(a.write, a.slug);
    expect(none.status).toBe(409);
    expect(none.json.error?.message).toMatch(/No competitor is watched/);
    expect(await manualRows(a.orgId)).toEqual([]);

    await t.db.competitor.create({ data: { organizationId: a.orgId, brandId: a.brandId, name: "Dakar Design", searchTerms: ["dakar design"] } });
    await t.db.competitor.create({ data: { organizationId: b.orgId, brandId: b.brandId, name: "Sahel Mobilier", searchTerms: ["sahel mobilier"] } });

    // A read-only key may not start it; unknown fields are a 422 naming the field; another tenant's slug is a 404.
    expect((await post(a.read, a.slug)).status).toBe(403);
    const bad = await post(a.write, a.slug, { brandId: 42 });
    expect(bad.status).toBe(422);
    expect(bad.json.error?.field).toBe("brandId");
    expect((await post(a.write, b.slug)).status).toBe(404);
    expect(await manualRows(a.orgId)).toEqual([]);
    expect(await manualRows(b.orgId)).toEqual([]);

    // Started: the run is claimed before the answer, so the page shows it running and a second click is refused.
    const started = await post(a.write, a.slug);
    expect(started.status).toBe(202);
    expect(started.json.requestId).toBeTruthy();
    const claimed = await manualRows(a.orgId);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.startedAt.toISOString()).toBe(started.json.startedAt);
    const again = await post(a.write, a.slug);
    // Either still running (409) or, on a fast machine, already done: a second run is then allowed.
    if (again.status === 409) expect(again.json.error?.message).toMatch(/already running/);
    else expect(again.status).toBe(202);

    // MKT-201 runs through its event for this organisation only; the page then shows the summary and the ads.
    const done = await until(
      "the on-demand research to finish",
      async () => {
        const rows = await manualRows(a.orgId);
        return rows[0]?.finishedAt && rows[0].summary ? rows[0] : undefined;
      },
      120_000,
    );
    expect(done.summary).toMatchObject({ sandbox: true, brands: [expect.objectContaining({ brandId: a.brandId })] });
    const page = await view(a.orgId);
    expect(page.research).toBeNull();
    expect(page.lastRun?.brands.map((x) => x.brandName)).toHaveLength(1);
    expect(page.lastRun!.brands[0]!.newAds).toBeGreaterThan(0);
    expect(page.ads.length).toBeGreaterThan(0);
    expect(page.ads.every((x) => x.brandId === a.brandId && x.isNew)).toBe(true);
    expect(await t.db.competitorAd.count({ where: { organizationId: b.orgId } })).toBe(0);
    expect(await runsOf(b.orgId)).toEqual([]);
    const researched = await until("ads/competitors.researched", () => t.db.runtimeEvent.findFirst({ where: { name: "ads/competitors.researched", data: { path: ["organizationId"], equals: a.orgId } } }).then((e) => e ?? undefined), 30_000);
    expect(researched.data).toMatchObject({ organizationId: a.orgId, brands: 1 });
  });

  it("past the hourly limit: 429 with Retry-After, nothing claimed", async () => {
    const { hitRateLimit } = await import("@/lib/rate-limit");
    const { RESEARCH_NOW_PER_HOUR } = await import("@/lib/ads/request-competitor-research");
    // Tenant b's bucket spent by earlier starts (the same bucket the route takes from).
    for (let i = 0; i < RESEARCH_NOW_PER_HOUR; i++) await hitRateLimit({ bucket: "competitor-research", subject: b.orgId, limit: RESEARCH_NOW_PER_HOUR, windowSeconds: 3600 });
    const limited = await post(b.write, b.slug);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(await manualRows(b.orgId)).toEqual([]);
    expect(await runsOf(b.orgId)).toEqual([]);
  });

  it("a run that failed is shown as failed (the last summary stays) until a run finishes after it", async () => {
    const { listCompetitorAds, competitorAdFiltersSchema } = await import("@/lib/ads/list-competitor-ads");
    const { failManualResearch } = await import("@/lib/ads/request-competitor-research");
    const before = await listCompetitorAds({ organizationId: a.orgId, filters: competitorAdFiltersSchema.parse({}) });
    const row = (await manualRows(a.orgId))[0]!;
    const at = new Date(Date.now() + 1000);
    await t.db.adDailyRun.update({ where: { id: row.id }, data: { finishedAt: null, startedAt: at } });
    const running = await listCompetitorAds({ organizationId: a.orgId, filters: competitorAdFiltersSchema.parse({}) });
    expect(running.research).toEqual({ state: "running", startedAt: at.toISOString() });
    expect(running.lastRun?.researchedAt).toBe(before.lastRun!.researchedAt);
    await failManualResearch({ organizationId: a.orgId, localDate: row.localDate, message: "rate_limited: too many calls", now: new Date(at.getTime() + 1000) });
    const failed = await listCompetitorAds({ organizationId: a.orgId, filters: competitorAdFiltersSchema.parse({}) });
    expect(failed.research).toMatchObject({ state: "failed", error: "rate_limited: too many calls" });
    expect(failed.lastRun?.researchedAt).toBe(before.lastRun!.researchedAt);
    // A daily run that finishes after the failure replaces both.
    const later = new Date(at.getTime() + 60_000);
    const { researchCompetitors } = await import("@/lib/ads/competitor-research");
    const summary = await researchCompetitors({ organizationId: a.orgId, now: later });
    await t.db.adDailyRun.create({ data: { organizationId: a.orgId, job: "mkt-201", localDate: "2099-01-01", startedAt: later, finishedAt: later, summary } });
    const after = await listCompetitorAds({ organizationId: a.orgId, filters: competitorAdFiltersSchema.parse({}) });
    expect(after.research).toBeNull();
    expect(after.lastRun?.researchedAt).toBe(later.toISOString());
  });
});
