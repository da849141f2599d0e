import { describe, expect, it } from "vitest";
import { detectAnomalies } from "@/lib/ads/anomalies";

/** MKT-205 anomalies at their boundaries: CPC 2x, ROAS half, spend 1.2x the plan. */
const day = (d: number, clicks: number, spendMinor: number, conversionValueMinor = 0) => ({ day: `2026-12-0${d}`, impressions: 10_000, clicks, spendMinor, conversionValueMinor });
const base = [day(1, 100, 5000, 10_000), day(2, 100, 5000, 10_000), day(3, 100, 5000, 10_000)];
const plan = { dailyBudgetMinor: null, startDate: "2026-12-01", spentMinor: 0 };

describe("detectAnomalies", () => {
  it("CPC spike: above 2x the previous days' average, not at exactly 2x; today (incomplete) is ignored", () => {
    expect(detectAnomalies([...base, day(4, 100, 10_000, 20_000)], "2026-12-05", plan)).toEqual([]);
    expect(detectAnomalies([...base, day(4, 100, 10_001, 20_002)], "2026-12-05", plan)).toMatchObject([{ kind: "cpcSpike", value: 100, reference: 50 }]);
    expect(detectAnomalies([...base, day(4, 100, 10_001, 20_002)], "2026-12-04", plan)).toEqual([]);
  });
  it("ROAS drop: below half the previous days' ROAS", () => {
    expect(detectAnomalies([...base, day(4, 100, 5000, 5000)], "2026-12-05", plan)).toEqual([]);
    expect(detectAnomalies([...base, day(4, 100, 5000, 4999)], "2026-12-05", plan)).toMatchObject([{ kind: "roasDrop", value: 1, reference: 2 }]);
  });
  it("spend pacing: more than 1.2x daily budget x elapsed days", () => {
    const p = { dailyBudgetMinor: 1000, startDate: "2026-12-01", spentMinor: 6000 }; // 5 days elapsed on the 5th: 5000 planned
    expect(detectAnomalies([], "2026-12-05", p)).toEqual([]);
    expect(detectAnomalies([], "2026-12-05", { ...p, spentMinor: 6001 })).toMatchObject([{ kind: "pacingAhead", value: 6001, reference: 5000 }]);
  });
});
