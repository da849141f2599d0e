import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * MKT-404 against PostgreSQL on a hand-made history: 30 days of daily slices per network and earlier
 * insights written by hand. Instagram's engagement, above average again, confirms the earlier insight;
 * TikTok's, now below average, contradicts the earlier "up" one (invalidated, superseded by the new
 * one); an earlier insight without a subject is matched by its stored embedding and confirmed; an
 * invalidated one is not compared; the rest is new. Days outside the 30 days do not count. The
 * generation prompt's insights are the active ones, and a scheduled claim leaves out organisations
 * whose MKT-404 agent is off and claims a local date once, from 02:00 local.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

const NET = (network: string, day: string, f: Partial<Record<"impressions" | "engagements" | "adSpendMinor" | "adRevenueMinor" | "leadsNew" | "leadsHot", number>>) => ({
  brandKey: "b",
  network,
  day: new Date(`${day}T00:00:00.000Z`),
  ...f,
});

describe("MKT-404 learning loop", () => {
  it("compares a run's insights with a hand-made history: confirmed, contradicted, new", async () => {
    const { runLearningLoop } = await import("@/lib/analytics/learning/run-learning-loop");
    const { deriveInsights } = await import("@/lib/analytics/learning/derive-insights");
    const { embed } = await import("@/lib/providers/ai");
    const org = await t.db.organization.create({ data: { slug: "learn", name: "Learn", timezone: "Europe/Paris", locale: "en" } });
    const slices = [
      NET("INSTAGRAM", "2026-11-10", { impressions: 6000, engagements: 500, leadsNew: 6, leadsHot: 4 }),
      NET("INSTAGRAM", "2026-12-03", { impressions: 4000, engagements: 300, leadsNew: 4, leadsHot: 2 }),
      NET("LINKEDIN", "2026-11-20", { impressions: 10000, engagements: 400, leadsNew: 10, leadsHot: 1 }),
      NET("TIKTOK", "2026-11-05", { impressions: 10000, engagements: 150 }),
      NET("META_ADS", "2026-11-15", { adSpendMinor: 100000, adRevenueMinor: 400000 }),
      NET("GOOGLE_ADS", "2026-11-15", { adSpendMinor: 100000, adRevenueMinor: 100000 }),
      // Outside the 30 days before 2026-12-04 (Nov 4 .. Dec 3): would make TikTok the best network.
      NET("TIKTOK", "2026-11-03", { impressions: 1000, engagements: 5000 }),
      NET("TIKTOK", "2026-12-04", { impressions: 1000, engagements: 5000 }),
    ];
    await t.db.dailyAnalyticsSlice.createMany({ data: slices.map((s) => ({ organizationId: org.id, ...s })) });

    // The history. The subject-less one's vector is that of the text the loop will write about Meta Ads.
    const expected = deriveInsights(
      [
        { network: "META_ADS", impressions: 0, engagements: 0, adSpendMinor: 100000, adRevenueMinor: 400000, leadsNew: 0, leadsHot: 0 },
        { network: "GOOGLE_ADS", impressions: 0, engagements: 0, adSpendMinor: 100000, adRevenueMinor: 100000, leadsNew: 0, leadsHot: 0 },
      ],
      "en",
    ).find((d) => d.subject === "network:meta_ads:roas")!;
    const metaVector = await embed({ organizationId: org.id, agent: "test", texts: [`${expected.title}. ${expected.description}`] });
    const mk = (type: "CONTENT_PERFORMANCE" | "AD_OPTIMIZATION" | "LEAD_QUALIFICATION", status: "ACTIVE" | "INVALIDATED", evidence: object, extra: object = {}) =>
      t.db.learningInsight.create({ data: { organizationId: org.id, type, status, description: "earlier", confidence: 0.6, evidence, source: "mkt-404", ...extra } });
    const igUp = await mk("CONTENT_PERFORMANCE", "ACTIVE", { subject: "network:instagram:engagement", direction: "up" });
    const ttUp = await mk("CONTENT_PERFORMANCE", "ACTIVE", { subject: "network:tiktok:engagement", direction: "up" });
    const metaByVector = await mk("AD_OPTIMIZATION", "ACTIVE", {}, { embedding: metaVector.vectors[0], embeddingModel: metaVector.model });
    const liOld = await mk("LEAD_QUALIFICATION", "INVALIDATED", { subject: "network:linkedin:hot-leads", direction: "down" });
    const fbUp = await mk("CONTENT_PERFORMANCE", "ACTIVE", { subject: "network:facebook:engagement", direction: "up" });

    const out = await runLearningLoop({ organizationId: org.id, localDate: "2026-12-04", runKey: "run-1:learn", now: new Date("2026-12-04T01:00:00Z") });
    expect(out.confirmed.sort()).toEqual([igUp.id, metaByVector.id].sort());
    expect(out.contradicted).toEqual([ttUp.id]);
    const rows = await t.db.learningInsight.findMany({ where: { organizationId: org.id } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const created = out.created.map((id) => byId.get(id)!);
    expect(created.map((r) => (r.evidence as { subject: string; direction: string }).subject + ":" + (r.evidence as { direction: string }).direction).sort()).toEqual([
      "network:google_ads:roas:down",
      "network:instagram:hot-leads:up",
      "network:linkedin:hot-leads:down",
      "network:tiktok:engagement:down",
    ]);
    for (const r of created) {
      expect(r).toMatchObject({ status: "ACTIVE", source: "mkt-404", embeddingModel: metaVector.model });
      expect(r.embedding.length).toBeGreaterThan(0);
      expect(r.confidence).toBeGreaterThanOrEqual(0.5);
      expect(r.confidence).toBeLessThanOrEqual(0.95);
      expect(r.recommendedAction).toBeTruthy();
      expect(r.periodStart?.toISOString()).toBe("2026-11-04T00:00:00.000Z");
      expect(r.periodEnd?.toISOString()).toBe("2026-12-03T00:00:00.000Z");
    }
    const ttNew = created.find((r) => (r.evidence as { subject: string }).subject === "network:tiktok:engagement")!;
    expect(ttNew.description).toContain("TikTok");
    expect(ttNew.description).toContain("below");
    expect(byId.get(ttUp.id)).toMatchObject({ status: "INVALIDATED", supersededById: ttNew.id });
    expect(byId.get(igUp.id)).toMatchObject({ status: "VALIDATED", validatedAt: new Date("2026-12-04T01:00:00Z") });
    expect(byId.get(igUp.id)!.confidence).toBeGreaterThan(0.6);
    expect(byId.get(metaByVector.id)).toMatchObject({ status: "VALIDATED" });
    expect(byId.get(liOld.id)).toMatchObject({ status: "INVALIDATED", supersededById: null });
    expect(byId.get(fbUp.id)).toMatchObject({ status: "ACTIVE" });
    // Active now: Instagram and Meta (validated), Facebook (untouched) and the 4 new ones.
    expect(out.active).toBe(7);

    // The next day with the same figures: everything it says is confirmed, nothing new.
    const again = await runLearningLoop({ organizationId: org.id, localDate: "2026-12-04", runKey: "run-2:learn", now: new Date("2026-12-05T01:00:00Z") });
    expect(again.created).toEqual([]);
    expect(again.contradicted).toEqual([]);
    expect(again.confirmed).toHaveLength(6);

    // What generation prompts carry: active insights only, most confident first.
    const { activeInsightsForPrompt } = await import("@/lib/analytics/learning/run-learning-loop");
    const forPrompt = await activeInsightsForPrompt({ organizationId: org.id, limit: 10 });
    expect(forPrompt.map((i) => i.id)).not.toContain(ttUp.id);
    expect(forPrompt.map((i) => i.id)).toContain(ttNew.id);
    expect(forPrompt.map((i) => i.confidence)).toEqual([...forPrompt.map((i) => i.confidence)].sort((a, b) => b - a));
  });

  it("a learn step replayed with its run key returns the outcome it stored, without validating its own new insights", async () => {
    const { claimLearningLoop, runLearningLoop } = await import("@/lib/analytics/learning/run-learning-loop");
    const org = await t.db.organization.create({ data: { slug: "learn-replay", name: "Replay", timezone: "Europe/Paris", locale: "en" } });
    await t.db.dailyAnalyticsSlice.createMany({
      data: [
        NET("INSTAGRAM", "2026-11-20", { impressions: 6000, engagements: 500, leadsNew: 6, leadsHot: 4 }),
        NET("LINKEDIN", "2026-11-20", { impressions: 10000, engagements: 400, leadsNew: 10, leadsHot: 1 }),
        NET("TIKTOK", "2026-11-20", { impressions: 10000, engagements: 150 }),
      ].map((s) => ({ organizationId: org.id, ...s })),
    });
    const ttUp = await t.db.learningInsight.create({
      data: { organizationId: org.id, type: "CONTENT_PERFORMANCE", status: "ACTIVE", description: "earlier", confidence: 0.6, evidence: { subject: "network:tiktok:engagement", direction: "up" }, source: "mkt-404" },
    });
    const at = new Date("2026-12-04T01:00:00Z");
    expect(await claimLearningLoop({ runKey: "run-r:claim-organizations", now: at, organizationIds: [org.id] })).toEqual([{ organizationId: org.id, localDate: "2026-12-04" }]);
    const snapshot = () => t.db.learningInsight.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" } });

    const first = await runLearningLoop({ organizationId: org.id, localDate: "2026-12-04", runKey: "run-r:learn", now: at });
    expect(first.created.length).toBeGreaterThan(0);
    expect(first.contradicted).toEqual([ttUp.id]);
    expect(first.confirmed).toEqual([]);
    const written = await snapshot();
    // The process died before the step's checkpoint: the executor runs the step again, a little later, same key.
    const replay = await runLearningLoop({ organizationId: org.id, localDate: "2026-12-04", runKey: "run-r:learn", now: new Date(at.getTime() + 60_000) });
    expect(replay).toEqual(first);
    expect(await snapshot()).toEqual(written); // nothing validated, no confidence raised, nothing created
    expect(written.filter((r) => r.status === "VALIDATED")).toEqual([]);
    // The day's row is finished with the outcome, in the same transaction as the insights.
    const row = await t.db.adDailyRun.findUniqueOrThrow({ where: { organizationId_job_localDate: { organizationId: org.id, job: "mkt-404", localDate: "2026-12-04" } } });
    expect(row).toMatchObject({ runKey: "run-r:claim-organizations", finishedAt: at, summary: { runKey: "run-r:learn", ...first } });
    // Another run (another key) compares again: its own earlier insights are now the history.
    const next = await runLearningLoop({ organizationId: org.id, localDate: "2026-12-04", runKey: "run-s:learn", now: new Date("2026-12-05T01:00:00Z") });
    expect(next.confirmed.sort()).toEqual([...first.created].sort());
    expect(next.created).toEqual([]);
  });

  it("claims each organisation once per local date from 02:00 local, leaving out those whose agent is off", async () => {
    const { claimLearningLoop } = await import("@/lib/analytics/learning/run-learning-loop");
    const paris = await t.db.organization.create({ data: { slug: "l-paris", name: "Paris", timezone: "Europe/Paris" } });
    const dakar = await t.db.organization.create({ data: { slug: "l-dakar", name: "Dakar", timezone: "Africa/Dakar" } });
    const off = await t.db.organization.create({ data: { slug: "l-off", name: "Off", timezone: "Europe/Paris" } });
    const { AGENT_TEMPLATES } = await import("@/lib/agents/catalogue");
    const tpl = AGENT_TEMPLATES.find((a) => a.code === "MKT-404")!;
    await t.db.agent.create({ data: { organizationId: off.id, key: tpl.slug, name: tpl.nameEn, kind: tpl.kind, workflowCode: "MKT-404", status: "INACTIVE" } as never });
    const ids = [paris.id, dakar.id, off.id];
    // 01:00 UTC = 02:00 in Paris (winter), 01:00 in Dakar.
    expect(await claimLearningLoop({ runKey: "tick-1:claim-organizations", now: new Date("2026-12-04T01:00:00Z"), organizationIds: ids })).toEqual([{ organizationId: paris.id, localDate: "2026-12-04" }]);
    expect(await claimLearningLoop({ runKey: "tick-2:claim-organizations", now: new Date("2026-12-04T01:15:00Z"), organizationIds: ids })).toEqual([]);
    expect(await claimLearningLoop({ runKey: "tick-3:claim-organizations", now: new Date("2026-12-04T02:00:00Z"), organizationIds: ids })).toEqual([{ organizationId: dakar.id, localDate: "2026-12-04" }]);
  });
});
