import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAgents } from "@/lib/agents/list-agents";
import { getDailyAnalytics } from "@/lib/analytics/get-daily-analytics";
import { seedDemo } from "@/lib/demo/seed-demo";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * Issue 9, one language and honest figures: the analytics page titled "30 derniers jours" gets 30
 * days (the demo has 7 rows), and agent descriptions follow the reader's language.
 */
const NOW = new Date("2026-11-18T10:30:00Z");
let t: TestDatabase;
let orgId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  orgId = (await seedDemo(t.db, { now: NOW })).organizationId;
});
afterAll(async () => {
  await t?.cleanup();
});

describe("daily analytics window", () => {
  it("returns every day of the last 30, oldest first, days without a row as zero", async () => {
    const rows = await t.db.dailyAnalytics.count({ where: { organizationId: orgId } });
    expect(rows).toBeLessThan(30);
    const { days } = await getDailyAnalytics({ organizationId: orgId, now: NOW });
    expect(days).toHaveLength(30);
    expect(days[0]!.day).toBe("2026-10-20");
    expect(days[29]!.day).toBe("2026-11-18");
    expect(new Set(days.map((d) => d.day)).size).toBe(30);
    expect(days.filter((d) => d.impressions > 0).length).toBeGreaterThan(0);
    expect(days[0]).toMatchObject({ impressions: 0, engagements: 0, avgEngagementRate: null });
  });

  it("stays empty for an organisation with no analytics at all (the page shows its empty state)", async () => {
    expect((await getDailyAnalytics({ organizationId: "no-such-org", now: NOW })).days).toEqual([]);
  });
});

describe("agents in the reader's language", () => {
  it("describes catalogue agents in English for English readers and in French for French readers", async () => {
    const en = await listAgents({ organizationId: orgId, locale: "en" });
    const fr = await listAgents({ organizationId: orgId, locale: "fr" });
    const templates = await t.db.agentTemplate.findMany({ select: { slug: true, descriptionFr: true, descriptionEn: true } });
    const bySlug = new Map(templates.map((x) => [x.slug, x]));
    const a = en.find((x) => bySlug.has(x.key))!;
    expect(a.description).toBe(bySlug.get(a.key)!.descriptionEn);
    expect(fr.find((x) => x.id === a.id)!.description).toBe(bySlug.get(a.key)!.descriptionFr);
    expect(bySlug.get(a.key)!.descriptionEn).not.toBe(bySlug.get(a.key)!.descriptionFr);
  });
});
