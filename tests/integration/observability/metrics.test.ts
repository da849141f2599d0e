import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedAccount, seedOrg, seedPiece } from "@/tests/integration/approvals/support";

/**
 * Issue 14, observability: GET /api/metrics is off (404) without METRICS_TOKEN, refuses another
 * token (401), and serves Prometheus text with the process metrics, every contract route's requests by
 * path template and status, and the database gauges read from this database.
 */
let t: TestDatabase;
let metricsRoute: typeof import("@/app/api/metrics/route");
let healthRoute: typeof import("@/app/api/health/route");
let resetMetricsCache: () => void;
const TOKEN = "metrics-token-0123456789abcdef";
const ctx = { params: Promise.resolve({}) };
const get = (headers: Record<string, string> = {}) => metricsRoute.GET(new Request("http://app.test/api/metrics", { headers }), ctx);

/** One sample's value from the exposition text, e.g. value(text, 'me_http_requests_total{method="GET",route="/api/health",status="200"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}

beforeAll(async () => {
  t = await createTestDatabase();
  metricsRoute = await import("@/app/api/metrics/route");
  healthRoute = await import("@/app/api/health/route");
  resetMetricsCache = (await import("@/lib/observability/metrics")).resetMetricsCache;
}, 60_000);

afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  resetEnvCache();
  await t?.cleanup();
});

describe("GET /api/metrics", () => {
  it("answers 404 while METRICS_TOKEN is not set", async () => {
    delete process.env.METRICS_TOKEN;
    resetEnvCache();
    expect((await get({ authorization: `Bearer ${TOKEN}` })).status).toBe(404);
  });

  it("refuses a missing or another token with 401", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    resetEnvCache();
    expect((await get()).status).toBe(401);
    expect((await get({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await get({ authorization: TOKEN })).status).toBe(401);
  });

  it("serves process metrics, requests by contract route and status, and the database gauges", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    resetEnvCache();
    const o = await seedOrg(t.db);
    const account = await seedAccount(t.db, o, "LINKEDIN");
    await t.db.socialAccount.update({ where: { id: account.id }, data: { tokenExpiresAt: new Date(Date.now() + 3 * 3600_000) } });
    const piece = await seedPiece(t.db, o, { platform: "LINKEDIN" });
    const pub = (at: Date, status: "SCHEDULED" | "FAILED", key: string) =>
      t.db.publication.create({ data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: piece.id, socialAccountId: account.id, platform: "LINKEDIN", status, scheduledAt: at, idempotencyKey: key } });
    await pub(new Date(Date.now() - 3600_000), "SCHEDULED", "m-overdue-1");
    await pub(new Date(Date.now() - 60_000), "SCHEDULED", "m-not-yet-overdue");
    await pub(new Date(Date.now() + 3600_000), "SCHEDULED", "m-future");
    await pub(new Date(Date.now() - 2 * 3600_000), "FAILED", "m-failed-recent");
    await pub(new Date(Date.now() - 3 * 86400_000), "FAILED", "m-failed-old");

    const health = await healthRoute.GET(new Request("http://app.test/api/health"), ctx);
    const before = await get({ authorization: `Bearer ${TOKEN}` });
    const first = await before.text();
    const series = `me_http_requests_total{method="GET",route="/api/health",status="${health.status}"}`;
    const n = value(first, series) ?? 0;
    expect(n).toBeGreaterThanOrEqual(1);
    await healthRoute.GET(new Request("http://app.test/api/health"), ctx);

    resetMetricsCache();
    const res = await get({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(value(text, series)).toBe(n + 1);
    expect(text).toMatch(/^me_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/health"\} \d+/m);
    expect(text).toMatch(/^me_process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^me_nodejs_eventloop_lag_seconds \d/m);
    expect(value(text, "me_publications_overdue")).toBe(1);
    expect(value(text, "me_publications_failed_24h")).toBe(1);
    expect(value(text, "me_social_account_tokens_expiring_24h")).toBe(1);
    expect(value(text, "me_runtime_queue_items")).toBe(0);
    // The metrics route counts itself too, by its template (never the URL: no query string, no ids).
    expect(text).toMatch(/^me_http_requests_total\{method="GET",route="\/api\/metrics",status="401"\} [1-9]/m);
  });
});
