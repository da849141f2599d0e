import { describe, expect, it } from "vitest";
import { computeEngagement, engagementRateOf, engagementScoreOf, metricsSlotOf } from "@/lib/analytics/metrics/compute-engagement";
import { findOutliers, mean, MIN_SAMPLE_SIZE, populationStdDev } from "@/lib/content/signals/signal-stats";

const metrics = (o: Partial<Record<string, number | null>> = {}) => ({
  impressions: 1000,
  reach: 700,
  likes: 40,
  comments: 5,
  shares: 3,
  saves: 2,
  clicks: 10,
  videoViews: null,
  ...o,
});

describe("MKT-108 engagement figures", () => {
  it("weights the score likes 1, comments 3, shares 5, saves 4, clicks 2", () => {
    expect(engagementScoreOf({ likes: 1, comments: 0, shares: 0, saves: 0, clicks: 0 })).toBe(1);
    expect(engagementScoreOf({ likes: 0, comments: 1, shares: 0, saves: 0, clicks: 0 })).toBe(3);
    expect(engagementScoreOf({ likes: 0, comments: 0, shares: 1, saves: 0, clicks: 0 })).toBe(5);
    expect(engagementScoreOf({ likes: 0, comments: 0, shares: 0, saves: 1, clicks: 0 })).toBe(4);
    expect(engagementScoreOf({ likes: 0, comments: 0, shares: 0, saves: 0, clicks: 1 })).toBe(2);
    // 40 + 15 + 15 + 8 + 20
    expect(computeEngagement(metrics()).engagementScore).toBe(98);
  });

  it("rate = (likes + comments + shares) / impressions in percent", () => {
    const f = computeEngagement(metrics());
    expect(f.engagements).toBe(48);
    expect(f.engagementRate).toBe(4.8);
  });

  it("falls back to reach when impressions are 0, and is 0 when both are", () => {
    expect(computeEngagement(metrics({ impressions: 0, reach: 400 })).engagementRate).toBe(12);
    expect(computeEngagement(metrics({ impressions: null, reach: null })).engagementRate).toBe(0);
    expect(engagementRateOf(3, 0, 0)).toBe(0);
  });

  it("treats unreported (null), negative and fractional figures safely", () => {
    const f = computeEngagement({ impressions: 10.7, reach: null, likes: -3, comments: null, shares: 1, saves: null, clicks: null, videoViews: null });
    expect(f).toMatchObject({
      impressions: 10,
      reach: 0,
      likes: 0,
      comments: 0,
      shares: 1,
      saves: 0,
      clicks: 0,
      videoViews: 0,
      engagements: 1,
      engagementRate: 10,
      engagementScore: 5,
    });
  });

  it("snaps capture times to the start of their 2-hour UTC slot", () => {
    expect(metricsSlotOf(new Date("2026-03-01T03:59:59.999Z")).toISOString()).toBe("2026-03-01T02:00:00.000Z");
    expect(metricsSlotOf(new Date("2026-03-01T04:00:00.000Z")).toISOString()).toBe("2026-03-01T04:00:00.000Z");
    expect(metricsSlotOf(new Date("2026-03-01T05:10:00.000Z")).toISOString()).toBe("2026-03-01T04:00:00.000Z");
  });
});

describe("MKT-109 mean + 1.5 sigma", () => {
  it("uses the population standard deviation", () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(populationStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });

  it("flags only rates strictly above mean + 1.5 sigma, strongest first", () => {
    const items = [1, 1, 1, 1, 1, 1, 1, 1, 1, 10].map((rate, i) => ({ id: `p${i}`, rate }));
    const s = findOutliers(items);
    if (!s.ok) throw new Error("expected stats");
    expect(s.mean).toBeCloseTo(1.9);
    expect(s.stdDev).toBeCloseTo(2.7);
    expect(s.threshold).toBeCloseTo(1.9 + 1.5 * 2.7);
    expect(s.outliers).toEqual([{ id: "p9", rate: 10, strength: expect.closeTo(3, 5) }]);
  });

  it("a rate exactly at the threshold is not a winner", () => {
    // 9 posts at 0% and 4 at 4%: mean 16/13, sigma 24/13, threshold exactly 4.
    const items = [...Array(9).fill(0), ...Array(4).fill(4)].map((rate: number, i) => ({ id: `p${i}`, rate }));
    const s = findOutliers(items);
    if (!s.ok) throw new Error("expected stats");
    expect(s.threshold).toBe(4);
    expect(s.outliers).toEqual([]);
    expect(findOutliers([...items, { id: "above", rate: 20 }])).toMatchObject({ ok: true, outliers: [{ id: "above" }] });
  });

  it("needs at least MIN_SAMPLE_SIZE (4) posts: with 3, sqrt(n - 1) < 1.5 so nobody could win", () => {
    expect(MIN_SAMPLE_SIZE).toBe(4);
    const three = [1, 1, 50].map((rate, i) => ({ id: `p${i}`, rate }));
    expect(findOutliers(three)).toEqual({ ok: false, reason: "too_few_posts", sampleSize: 3 });
    expect(findOutliers(three, { minSample: 1 })).toMatchObject({ ok: true, outliers: [] });
    const four = [1, 1, 1, 50].map((rate, i) => ({ id: `p${i}`, rate }));
    expect(findOutliers(four)).toMatchObject({ ok: true, outliers: [{ id: "p3" }] });
  });

  it("flags nobody when every rate is equal (sigma 0)", () => {
    expect(findOutliers([3, 3, 3, 3, 3].map((rate, i) => ({ id: `p${i}`, rate })))).toMatchObject({ ok: true, stdDev: 0, outliers: [] });
  });
});
