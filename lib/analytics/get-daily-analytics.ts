import "server-only";
import { db } from "@/lib/db/client";

export type DailyAnalyticsDto = {
  day: string;
  impressions: number;
  engagements: number;
  clicks: number;
  leadsNew: number;
  conversions: number;
  adSpendMinor: number;
  adRevenueMinor: number;
  avgEngagementRate: number | null;
};

export async function getDailyAnalytics(opts: { organizationId: string; days?: number; now?: Date }): Promise<{ currency: string; days: DailyAnalyticsDto[] }> {
  const now = opts.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((opts.days ?? 30) - 1) * 86_400_000);
  const rows = await db().dailyAnalytics.findMany({
    where: { organizationId: opts.organizationId, day: { gte: since } },
    orderBy: { day: "asc" },
    select: { day: true, currency: true, impressions: true, engagements: true, clicks: true, leadsNew: true, conversions: true, adSpendMinor: true, adRevenueMinor: true, avgEngagementRate: true },
  });
  // Every day of the window, so "30 derniers jours" shows 30: a day without a row had no activity.
  const byDay = new Map(rows.map(({ currency: _c, ...r }) => [r.day.toISOString().slice(0, 10), { ...r, day: r.day.toISOString().slice(0, 10) }]));
  const count = opts.days ?? 30;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days: DailyAnalyticsDto[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const day = new Date(today - i * 86_400_000).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, impressions: 0, engagements: 0, clicks: 0, leadsNew: 0, conversions: 0, adSpendMinor: 0, adRevenueMinor: 0, avgEngagementRate: null });
  }
  return { currency: rows[0]?.currency ?? "EUR", days: rows.length ? days : [] };
}
