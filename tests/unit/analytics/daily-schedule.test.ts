import { describe, expect, it } from "vitest";
import { analyticsQuerySchema, deltaPercent, shiftDate, spanDays } from "@/lib/analytics/daily/schemas";
import { datesBetween, dueAnalyticsDate } from "@/lib/analytics/daily/schedule";

describe("MKT-402 schedule and the Analytics page's arithmetic", () => {
  it("is due at 23:59 local on a 15-minute tick, for 6 hours, whatever the zone's offset", () => {
    expect(dueAnalyticsDate(new Date("2026-12-03T23:59:00Z"), "Africa/Dakar")).toBe("2026-12-03");
    expect(dueAnalyticsDate(new Date("2026-12-03T23:44:00Z"), "Africa/Dakar")).toBeNull();
    expect(dueAnalyticsDate(new Date("2026-12-03T22:59:00Z"), "Europe/Paris")).toBe("2026-12-03");
    expect(dueAnalyticsDate(new Date("2026-12-04T04:59:00Z"), "Europe/Paris")).toBe("2026-12-03"); // 05:59 local: last catch-up tick
    expect(dueAnalyticsDate(new Date("2026-12-04T05:14:00Z"), "Europe/Paris")).toBeNull();
    expect(dueAnalyticsDate(new Date("2026-12-03T18:14:00Z"), "Asia/Kathmandu")).toBe("2026-12-03"); // +05:45
    expect(dueAnalyticsDate(new Date("2026-12-03T23:59:00Z"), "Not/AZone")).toBe("2026-12-03"); // unknown zone: UTC
  });

  it("lists dates across a month end and computes spans, shifts and deltas", () => {
    expect(datesBetween("2026-11-29", "2026-12-02")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(spanDays("2026-01-01", "2026-12-31")).toBe(365);
    expect(shiftDate("2026-03-01", -1)).toBe("2026-02-28");
    expect(deltaPercent(150, 100)).toBe(50);
    expect(deltaPercent(50, 200)).toBe(-75);
    expect(deltaPercent(10, 0)).toBeNull();
    expect(deltaPercent(null, 10)).toBeNull();
  });

  it("refuses a range that ends before it starts or spans more than 366 days, naming `to`", () => {
    expect(analyticsQuerySchema.safeParse({ from: "2025-01-01", to: "2026-01-01" }).success).toBe(true); // 366 days
    const long = analyticsQuerySchema.safeParse({ from: "2025-01-01", to: "2026-01-02" });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.path).toEqual(["to"]);
    expect(analyticsQuerySchema.safeParse({ from: "2026-02-02", to: "2026-02-01" }).error?.issues[0]?.message).toBe("validation.toAfterFrom");
    expect(analyticsQuerySchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
  });
});
