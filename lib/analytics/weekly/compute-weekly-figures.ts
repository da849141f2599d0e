import "server-only";
import { db } from "@/lib/db/client";
import { addDays, dayKey, startOfLocalDay } from "@/lib/time/local-dates";
import type { AnalyticsTotalsDto } from "@/lib/analytics/daily/contracts";
import { NO_NETWORK } from "@/lib/analytics/daily/compute-daily-analytics";
import { getAnalyticsReport } from "@/lib/analytics/daily/get-analytics-report";
import { isoWeekOf, type WeekTotals, type WeeklyFigures } from "./schemas";

const AD_NETWORKS = new Set(["META_ADS", "GOOGLE_ADS", "TIKTOK_ADS", NO_NETWORK]);
const ratio = (num: number, den: number, scale: number) => (den > 0 ? Math.round((num / den) * scale * 100) / 100 : null);

function weekTotals(t: AnalyticsTotalsDto): WeekTotals {
  return {
    postsPublished: t.postsPublished,
    impressions: t.impressions,
    engagements: t.engagements,
    clicks: t.clicks,
    engagementRate: t.engagementRate,
    adSpendMinor: t.adSpendMinor,
    adRevenueMinor: t.adRevenueMinor,
    roas: t.roas,
    leadsNew: t.leadsNew,
    leadsHot: t.leadsHot,
    bookings: t.bookings,
    conversions: t.conversions,
    conversionValueMinor: t.conversionValueMinor,
  };
}

/**
 * MKT-403's figures for one organisation and ISO week (`weekStart` = its Monday, a local date):
 * deterministic, from MKT-402's rows (the week and the week before, per day and per network, the same
 * read as the Analytics page), the posts that gained the most impressions (MKT-108 snapshots), the best
 * ad set of the week by ROAS (MKT-205's ad-set rows), the lead pipeline (leads created before the week
 * ended, by status) and the active MKT-404 insights. The model never computes a figure.
 */
export async function computeWeeklyFigures(opts: { organizationId: string; weekStart: string }): Promise<WeeklyFigures> {
  const from = opts.weekStart;
  const to = addDays(from, 6);
  const prevFrom = addDays(from, -7);
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { timezone: true } });
  const report = await getAnalyticsReport({ organizationId: opts.organizationId, query: { from, to, page: 1 } });

  const weekEnd = startOfLocalDay(addDays(to, 1), org.timezone);
  const [adSetRows, pipeline, warmCold, insights] = await Promise.all([
    db().adMetricDaily.groupBy({
      by: ["entityId"],
      where: { organizationId: opts.organizationId, level: "AD_SET", day: { gte: dayKey(from), lte: dayKey(to) } },
      _sum: { spendMinor: true, conversionValueMinor: true, conversions: true },
    }),
    db().lead.groupBy({
      by: ["status"],
      where: { organizationId: opts.organizationId, createdAt: { lt: weekEnd } },
      _count: { _all: true },
      orderBy: { status: "asc" },
    }),
    db().dailyAnalyticsSlice.aggregate({
      where: { organizationId: opts.organizationId, day: { gte: dayKey(from), lte: dayKey(to) } },
      _sum: { leadsWarm: true, leadsCold: true },
    }),
    db().learningInsight.findMany({
      where: { organizationId: opts.organizationId, status: { in: ["ACTIVE", "VALIDATED"] } },
      orderBy: [{ confidence: "desc" }, { id: "asc" }],
      take: 5,
      select: { id: true, type: true, status: true, title: true, description: true, confidence: true, recommendedAction: true },
    }),
  ]);

  // Per content network: the week against the one before (two reads of the same grouped sums).
  const [weekRows, prevRows] = await Promise.all(
    [
      [from, to],
      [prevFrom, addDays(from, -1)],
    ].map(([a, b]) =>
      db().dailyAnalyticsSlice.groupBy({
        by: ["network"],
        where: { organizationId: opts.organizationId, day: { gte: dayKey(a!), lte: dayKey(b!) } },
        _sum: { impressions: true, engagements: true },
      }),
    ),
  );
  const prevByNetwork = new Map(prevRows!.map((r) => [r.network, r._sum]));
  const weekByNetwork = new Map(weekRows!.map((r) => [r.network, r._sum]));
  const networks = [...new Set([...weekByNetwork.keys(), ...prevByNetwork.keys()])]
    .sort()
    .filter((n) => !AD_NETWORKS.has(n))
    .map((network) => {
      const w = weekByNetwork.get(network);
      const p = prevByNetwork.get(network);
      const impressions = w?.impressions ?? 0;
      const engagements = w?.engagements ?? 0;
      return {
        network,
        impressions,
        engagements,
        engagementRate: ratio(engagements, impressions, 100),
        previousEngagementRate: ratio(p?.engagements ?? 0, p?.impressions ?? 0, 100),
      };
    })
    .filter((n) => n.impressions > 0 || n.previousEngagementRate !== null);

  // Best ad set: highest ROAS among those that spent, then revenue, then id (stable).
  const spent = adSetRows.filter((r) => (r._sum.spendMinor ?? 0) > 0);
  const sets = spent.length
    ? await db().adSet.findMany({
        where: { organizationId: opts.organizationId, id: { in: spent.map((r) => r.entityId) } },
        select: { id: true, name: true, campaign: { select: { name: true, platform: true } } },
      })
    : [];
  const setById = new Map(sets.map((s) => [s.id, s]));
  const ranked = spent
    .filter((r) => setById.has(r.entityId))
    .map((r) => {
      const s = setById.get(r.entityId)!;
      const spendMinor = r._sum.spendMinor ?? 0;
      const revenueMinor = r._sum.conversionValueMinor ?? 0;
      return {
        id: s.id,
        name: s.name,
        campaign: s.campaign.name,
        platform: s.campaign.platform,
        spendMinor,
        revenueMinor,
        conversions: r._sum.conversions ?? 0,
        roas: ratio(revenueMinor, spendMinor, 1),
      };
    })
    .sort((a, b) => (b.roas ?? 0) - (a.roas ?? 0) || b.revenueMinor - a.revenueMinor || a.id.localeCompare(b.id));

  return {
    isoWeek: isoWeekOf(from),
    from,
    to,
    currency: report.currency,
    totals: weekTotals(report.totals),
    previousTotals: weekTotals(report.previousTotals),
    days: report.days.map((d) => ({
      day: d.day,
      impressions: d.impressions,
      engagements: d.engagements,
      postsPublished: d.postsPublished,
      adSpendMinor: d.adSpendMinor,
      adRevenueMinor: d.adRevenueMinor,
      leadsNew: d.leadsNew,
    })),
    content: {
      top: report.posts.items
        .slice(0, 3)
        .map((p) => ({
          publicationId: p.publicationId,
          contentPieceId: p.contentPieceId,
          title: p.title,
          platform: p.platform,
          impressions: p.impressions,
          engagements: p.engagements,
          engagementRate: p.engagementRate,
        })),
      networks,
    },
    ads: { bestAdSet: ranked[0] ?? null },
    leads: {
      warm: warmCold._sum.leadsWarm ?? 0,
      cold: warmCold._sum.leadsCold ?? 0,
      pipeline: pipeline.map((p) => ({ status: p.status, count: p._count._all })),
    },
    insights: insights.map((i) => ({ ...i, title: i.title ?? i.description.slice(0, 80) })),
  };
}
