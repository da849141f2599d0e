import { describe, expect, it } from "vitest";
import { isMonday, isoWeekOf, lastCompleteWeekStart } from "@/lib/analytics/weekly/schemas";
import { dueWeeklyReport } from "@/lib/analytics/weekly/schedule";
import { buildOfflineWeeklyReport } from "@/lib/providers/ai/offline-weekly-report";
import { weeklyReportTextSchema } from "@/lib/analytics/weekly/schemas";

describe("MKT-403 schedule (pure)", () => {
  it("ISO weeks, including the 53rd and the turn of the year", () => {
    expect(isoWeekOf("2026-11-23")).toBe("2026-W48");
    expect(isoWeekOf("2026-11-29")).toBe("2026-W48");
    expect(isoWeekOf("2026-12-28")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04")).toBe("2027-W01");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
  });

  it("the last complete week starts on the Monday before this week's", () => {
    expect(lastCompleteWeekStart("2026-12-04")).toBe("2026-11-23"); // a Friday
    expect(lastCompleteWeekStart("2026-11-30")).toBe("2026-11-23"); // a Monday
    expect(lastCompleteWeekStart("2026-12-06")).toBe("2026-11-23"); // a Sunday
    expect(isMonday("2026-11-23")).toBe(true);
    expect(isMonday("2026-11-24")).toBe(false);
  });

  it("due from Monday 08:00 local for 6 hours, in each time zone", () => {
    // Monday 2026-11-30, 07:15 UTC = 08:15 Paris, 07:15 Dakar, 12:45 Kolkata.
    const at = new Date("2026-11-30T07:15:00Z");
    expect(dueWeeklyReport(at, "Europe/Paris")).toBe("2026-11-23");
    expect(dueWeeklyReport(at, "Africa/Dakar")).toBeNull();
    expect(dueWeeklyReport(at, "Asia/Kolkata")).toBe("2026-11-23");
    expect(dueWeeklyReport(new Date("2026-11-30T13:00:00Z"), "Europe/Paris")).toBeNull(); // 14:00: past the catch-up
    expect(dueWeeklyReport(new Date("2026-12-01T07:15:00Z"), "Europe/Paris")).toBeNull(); // Tuesday
  });

  it("the offline text is valid for the schema in French and English, also for an empty week", () => {
    const data = {
      currency: "EUR",
      posts: 3,
      impressions: 5000,
      engagement_rate: 6.2,
      previous_engagement_rate: 2,
      top_posts: [{ title: "Atelier bogolan", network: "LINKEDIN" }],
      ad_spend: 300,
      ad_revenue: 550,
      roas: 1.83,
      best_ad_set: { name: "Exact", roas: 7.5 },
      leads_new: 3,
      leads_hot: 1,
      bookings: 1,
      conversions: 1,
    };
    const fr = buildOfflineWeeklyReport({ data, locale: "fr" });
    const en = buildOfflineWeeklyReport({ data, locale: "en" });
    expect(weeklyReportTextSchema.safeParse(fr).success).toBe(true);
    expect(weeklyReportTextSchema.safeParse(en).success).toBe(true);
    expect(fr.summary).toMatch(/3 publications/);
    expect(fr.summary).toMatch(/Meilleur contenu : « Atelier bogolan » sur LinkedIn/);
    expect(en.summary).toMatch(/ROAS 1\.83/);
    expect(en.recommendations.some((r) => /Exact/.test(r))).toBe(true);
    for (const locale of ["fr", "en"] as const) expect(weeklyReportTextSchema.safeParse(buildOfflineWeeklyReport({ data: {}, locale })).success).toBe(true);
  });
});
