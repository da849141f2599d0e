import { describe, expect, it } from "vitest";
import { capViolations, plannedBetween, scaleWithinCaps, type CapContext, type CapSettings, type SpendPlan } from "@/lib/ads/budget-caps";

/** Spend caps (MKT-203/204/206): the per-campaign and monthly caps, and "+30 % within the caps" at the cap. */
const TODAY = "2026-12-10"; // 22 days left in December, today included
const settings = (monthlyCapMinor: number, campaignCapMinor = 1_000_000): CapSettings => ({ monthlyCapMinor, campaignCapMinor, currency: "EUR" });
const ctx = (over: Partial<CapContext> = {}): CapContext => ({ today: TODAY, others: [], spentThisMonthMinor: 0, ...over });
const plan = (over: Partial<SpendPlan> = {}): SpendPlan => ({ id: "c1", dailyBudgetMinor: 1000, totalBudgetMinor: 10_000, spentMinor: 0, startDate: TODAY, endDate: "2026-12-19", ...over });

describe("planned spend", () => {
  it("daily x remaining days in the window, never above what is left of the total", () => {
    expect(plannedBetween(plan(), "2026-12-01", "2026-12-31", TODAY)).toBe(10_000);
    expect(plannedBetween(plan({ totalBudgetMinor: 5000, spentMinor: 1000 }), "2026-12-01", "2026-12-31", TODAY)).toBe(4000);
    // Running into January: only December's days count this month.
    expect(plannedBetween(plan({ endDate: "2027-01-20", totalBudgetMinor: 100_000 }), "2026-12-01", "2026-12-31", TODAY)).toBe(22_000);
    // Days before today are spent, not planned.
    expect(plannedBetween(plan({ startDate: "2026-12-01", totalBudgetMinor: 100_000 }), "2026-12-01", "2026-12-31", TODAY)).toBe(10_000);
  });
});

describe("caps", () => {
  it("per-campaign cap: the total budget may equal the cap, not exceed it", () => {
    expect(capViolations(plan({ totalBudgetMinor: 50_000, dailyBudgetMinor: 100 }), settings(10_000_000, 50_000), ctx())).toEqual([]);
    expect(capViolations(plan({ totalBudgetMinor: 50_001, dailyBudgetMinor: 100 }), settings(10_000_000, 50_000), ctx())).toEqual([{ cap: "campaign", capMinor: 50_000, totalBudgetMinor: 50_001 }]);
  });
  it("monthly cap: spent this month + every committed plan, the candidate replacing its old plan", () => {
    const others = [plan({ id: "c2", dailyBudgetMinor: 500, totalBudgetMinor: 100_000, endDate: "2026-12-31" })]; // 22 x 500 = 11 000
    const c = ctx({ others, spentThisMonthMinor: 4000 });
    expect(capViolations(plan(), settings(25_000), c)).toEqual([]); // 4 000 + 11 000 + 10 000
    expect(capViolations(plan(), settings(24_999), c)).toEqual([{ cap: "monthly", capMinor: 24_999, plannedMonthMinor: 25_000, month: "2026-12" }]);
    // The same campaign in `others` (its previous plan) is not counted twice.
    expect(capViolations(plan(), settings(25_000), ctx({ others: [...others, plan({ dailyBudgetMinor: 9000 })], spentThisMonthMinor: 4000 }))).toEqual([]);
  });
});

describe("budget +30 % within the caps", () => {
  const running = plan({ dailyBudgetMinor: 1000, totalBudgetMinor: 10_000, spentMinor: 0, startDate: TODAY, endDate: "2026-12-19" }); // 10 days left
  it("+30 % fits: daily 1 000 -> 1 300, total follows (10 days -> 13 000)", () => {
    expect(scaleWithinCaps(running, settings(13_000), ctx())).toEqual({ ok: true, dailyBudgetMinor: 1300, totalBudgetMinor: 13_000, requestedDailyMinor: 1300, limitedBy: null });
  });
  it("+30 % hitting the monthly cap: limited to the largest daily budget within it, naming the cap", () => {
    expect(scaleWithinCaps(running, settings(12_999), ctx())).toEqual({ ok: true, dailyBudgetMinor: 1299, totalBudgetMinor: 12_990, requestedDailyMinor: 1300, limitedBy: "monthly" });
    expect(scaleWithinCaps(running, settings(12_000), ctx())).toMatchObject({ ok: true, dailyBudgetMinor: 1200, limitedBy: "monthly" });
  });
  it("+30 % hitting the per-campaign cap", () => {
    expect(scaleWithinCaps(running, settings(10_000_000, 11_500), ctx())).toMatchObject({ ok: true, dailyBudgetMinor: 1150, totalBudgetMinor: 11_500, limitedBy: "campaign" });
  });
  it("already at the cap: refused, with the cap that blocks it", () => {
    const r = scaleWithinCaps(running, settings(10_000), ctx());
    expect(r).toMatchObject({ ok: false, requestedDailyMinor: 1300, violations: [{ cap: "monthly", capMinor: 10_000, plannedMonthMinor: 13_000 }] });
  });
  it("rounds +30 % to the minor unit", () => {
    expect(scaleWithinCaps(plan({ dailyBudgetMinor: 333, totalBudgetMinor: 3330 }), settings(1_000_000), ctx())).toMatchObject({ dailyBudgetMinor: 433 });
  });
});
