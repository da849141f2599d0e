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
  const since = new Date(now.getTime() - (opts.days ?? 30) * 86_400_000);
  const rows = await db().dailyAnalytics.findMany({
    where: { organizationId: opts.organizationId, day: { gte: since } },
    orderBy: { day: "asc" },
    select: { day: true, currency: true, impressions: true, engagements: true, clicks: true, leadsNew: true, conversions: true, adSpendMinor: true, adRevenueMinor: true, avgEngagementRate: true },
  });
  return { currency: rows[0]?.currency ?? "EUR", days: rows.map(({ currency: _c, ...r }) => ({ ...r, day: r.day.toISOString().slice(0, 10) })) };
}
