import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAnalyticsReport } from "@/lib/analytics/daily/get-analytics-report";
import { startOfLocalDay, addDays } from "@/lib/time/local-dates";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { POSTS_OF_RANGE_REFERENCE as REFERENCE } from "./fixtures";

/**
 * The Analytics page's posts of a range (impressions gained in it) read only the range's rows of
 * publication_metric_days (issue 18: the first query read every snapshot of the organisation twice).
 * Checked against that first query (fixtures.ts, the reference) on a history with snapshots before,
 * inside and after the range, posts without snapshots, posts that stopped growing, and another tenant.
 */
let t: TestDatabase;
let orgId: string;


beforeAll(async () => {
  t = await createTestDatabase();
  const tag = randomUUID().slice(0, 6);
  for (const [k, slug] of [`ar-${tag}`, `ao-${tag}`].entries()) {
    const org = await t.db.organization.create({ data: { name: slug, slug, timezone: "Europe/Paris" } });
    if (k === 0) orgId = org.id;
    const brand = await t.db.brand.create({ data: { organizationId: org.id, name: "B", slug: "b", voice: "v", targetAudience: "a", contentGuidelines: "g" } });
    const account = await t.db.socialAccount.create({
      data: { organizationId: org.id, brandId: brand.id, platform: "LINKEDIN", externalId: `x-${slug}`, name: "LI" },
    });
    // 40 posts, one every 12 h from 2026-11-01; snapshots every 18 h for 3 or 5 captures (some none, some flat).
    for (let i = 0; i < 40; i++) {
      const postedAt = new Date(Date.parse("2026-11-01T08:00:00Z") + i * 12 * 3_600_000);
      const piece = await t.db.contentPiece.create({ data: { organizationId: org.id, brandId: brand.id, title: `P${i}`, body: "b" } });
      const pub = await t.db.publication.create({
        data: {
          organizationId: org.id,
          brandId: brand.id,
          contentPieceId: piece.id,
          socialAccountId: account.id,
          platform: "LINKEDIN",
          status: "POSTED",
          scheduledAt: postedAt,
          postedAt,
          idempotencyKey: `${slug}-${i}`,
        },
      });
      const captures = i % 7 === 0 ? 0 : i % 3 === 0 ? 3 : 5;
      for (let c = 1; c <= captures; c++) {
        const grow = i % 5 === 0 && c > 2 ? 2 : c; // every fifth post stops growing after its 2nd capture
        await t.db.contentMetricSnapshot.create({
          data: {
            organizationId: org.id,
            publicationId: pub.id,
            contentPieceId: piece.id,
            platform: "LINKEDIN",
            capturedAt: new Date(postedAt.getTime() + c * 18 * 3_600_000),
            impressions: grow * (10 + i),
            engagements: grow * (i % 4),
            clicks: grow,
          },
        });
      }
    }
  }
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("analytics posts of a range", () => {
  it("match the reference query (every snapshot read) for ranges before, across and after the history", async () => {
    for (const [from, to] of [
      ["2026-10-20", "2026-10-31"],
      ["2026-11-01", "2026-11-01"],
      ["2026-11-05", "2026-11-09"],
      ["2026-11-10", "2026-11-30"],
      ["2026-11-18", "2026-11-25"],
      ["2026-10-01", "2026-12-31"],
    ] as const) {
      const start = startOfLocalDay(from, "Europe/Paris");
      const end = startOfLocalDay(addDays(to, 1), "Europe/Paris");
      const reference = await t.db.$queryRawUnsafe<{ id: string; impressions: number; engagements: number; clicks: number }[]>(REFERENCE, orgId, start, end);
      const pages = Math.max(1, Math.ceil(reference.length / 20));
      const got = [];
      for (let page = 1; page <= pages; page++) {
        const r = await getAnalyticsReport({ organizationId: orgId, query: { from, to, page } });
        expect(r.posts.total).toBe(reference.length);
        got.push(...r.posts.items);
      }
      expect(
        got.map((p) => [p.publicationId, p.impressions, p.engagements, p.clicks]),
        `${from}..${to}`,
      ).toEqual(reference.map((r) => [r.id, r.impressions, r.engagements, r.clicks]));
    }
  });
});
