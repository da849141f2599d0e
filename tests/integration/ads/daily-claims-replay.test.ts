import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * The scheduled ticks' claim steps (MKT-201, MKT-206, MKT-402, MKT-403, MKT-404, INB-004) replayed with
 * the same run key, as the executor does after a crash between the claim's commit and the step's
 * checkpoint (steps are at-least-once). The claim used to return only the rows its insert created, so a
 * replay answered [] and the day's (the week's) fan-out was never sent; it now answers what the first
 * execution claimed, plus what has become due since, and another tick still claims nothing.
 * Two organisations, Paris (UTC+1 in winter, UTC+2 in June) and Dakar (UTC), so that the second is due
 * only at the later instant.
 */
let t: TestDatabase;
let paris: string;
let dakar: string;
beforeAll(async () => {
  t = await createTestDatabase();
  paris = (await t.db.organization.create({ data: { slug: "claims-paris", name: "Paris", timezone: "Europe/Paris" } })).id;
  dakar = (await t.db.organization.create({ data: { slug: "claims-dakar", name: "Dakar", timezone: "Africa/Dakar" } })).id;
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

type Claimed = { organizationId: string; localDate?: string; weekStart?: string; windowEnd?: string };
type Case = { job: string; claim: (runKey: string, now: Date) => Promise<Claimed[]>; first: string; later: string; date: string };

const cases: Case[] = [
  {
    job: "mkt-201",
    claim: async (runKey, now) => (await import("@/lib/ads/daily-runs")).claimDailyRuns({ job: "mkt-201", hour: 6, runKey, now, organizationIds: [paris, dakar] }),
    first: "2026-12-04T05:00:00Z", // 06:00 in Paris, 05:00 in Dakar
    later: "2026-12-04T06:00:00Z",
    date: "2026-12-04",
  },
  {
    job: "mkt-206",
    claim: async (runKey, now) => (await import("@/lib/ads/daily-runs")).claimDailyRuns({ job: "mkt-206", hour: 10, runKey, now, organizationIds: [paris, dakar] }),
    first: "2026-12-04T09:00:00Z",
    later: "2026-12-04T10:00:00Z",
    date: "2026-12-04",
  },
  {
    job: "mkt-402",
    claim: async (runKey, now) => (await import("@/lib/analytics/daily/claim-daily-analytics")).claimDailyAnalytics({ runKey, now, organizationIds: [paris, dakar] }),
    first: "2026-12-03T22:59:00Z", // 23:59 in Paris
    later: "2026-12-03T23:59:00Z",
    date: "2026-12-03",
  },
  {
    job: "mkt-403",
    claim: async (runKey, now) => (await import("@/lib/analytics/weekly/claim-weekly-reports")).claimWeeklyReports({ runKey, now, organizationIds: [paris, dakar] }),
    first: "2026-11-30T07:15:00Z", // Monday 08:15 in Paris
    later: "2026-11-30T08:15:00Z",
    date: "2026-11-23",
  },
  {
    job: "mkt-404",
    claim: async (runKey, now) => (await import("@/lib/analytics/learning/run-learning-loop")).claimLearningLoop({ runKey, now, organizationIds: [paris, dakar] }),
    first: "2026-12-04T01:00:00Z", // 02:00 in Paris
    later: "2026-12-04T02:00:00Z",
    date: "2026-12-04",
  },
  {
    job: "inb-004",
    // No organisation filter: every organisation of this database (Paris and Dakar only).
    claim: async (runKey, now) => (await import("@/lib/inbox/topics/run-topic-clustering")).claimTopicClustering({ runKey, now }),
    first: "2026-06-10T01:00:00Z", // 03:00 in Paris (summer)
    later: "2026-06-10T03:00:00Z",
    date: "2026-06-10",
  },
];

describe("a scheduled claim step replayed with its run key returns what it claimed", () => {
  for (const c of cases)
    it(`${c.job}: the replay answers as the first execution, plus what became due since; another tick claims nothing`, async () => {
      const key = `run-${c.job}:claim-organizations`;
      const first = await c.claim(key, new Date(c.first));
      expect(first.map((r) => r.organizationId)).toEqual([paris]);
      // The process died before the step's checkpoint: the executor runs the step again, same run, same key.
      const replay = await c.claim(key, new Date(c.first));
      expect(replay).toEqual(first);
      // Another run of the tick (its own key) finds the organisation claimed.
      expect(await c.claim(`other-${c.job}:claim-organizations`, new Date(c.first))).toEqual([]);
      // A replay that comes later also claims what has become due since (Dakar), keeping Paris.
      const later = await c.claim(key, new Date(c.later));
      expect(later.map((r) => r.organizationId)).toEqual([paris, dakar].sort());
      expect(later.find((r) => r.organizationId === paris)).toEqual(first[0]);
      expect(await c.claim(`third-${c.job}:claim-organizations`, new Date(c.later))).toEqual([]);
      // One row per organisation and date, both held by the first run.
      const rows = await t.db.adDailyRun.findMany({ where: { job: c.job }, orderBy: { organizationId: "asc" }, select: { organizationId: true, localDate: true, runKey: true } });
      expect(rows).toEqual([paris, dakar].sort().map((organizationId) => ({ organizationId, localDate: c.date, runKey: key })));
    });
});
