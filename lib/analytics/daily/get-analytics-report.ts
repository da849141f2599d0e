import "server-only";
import { Prisma, db } from "@/lib/db/client";
import { addDays, dayKey, daysBetween, localDate, startOfLocalDay } from "@/lib/time/local-dates";
import { notFound } from "@/lib/errors";
import type { AnalyticsQuery } from "./schemas";
import { ANALYTICS_POSTS_PAGE_SIZE } from "./schemas";
import { SLICE_FIGURES, type SliceFigures } from "./compute-daily-analytics";
import type { AnalyticsReportDto, AnalyticsTotalsDto } from "./contracts";

type Filters = { organizationId: string; brand?: string; network?: string };

const sums = Prisma.join(SLICE_FIGURES.map((f) => Prisma.raw(`COALESCE(SUM("${f}"), 0)::int AS "${f}"`)));
const filterSql = (f: Filters) =>
  Prisma.sql`"organizationId" = ${f.organizationId}${f.brand ? Prisma.sql` AND "brandKey" = ${f.brand}` : Prisma.empty}${f.network ? Prisma.sql` AND network = ${f.network}` : Prisma.empty}`;

function withRatios(t: SliceFigures): AnalyticsTotalsDto {
  return {
    ...t,
    engagementRate: t.impressions > 0 ? Math.round((t.engagements / t.impressions) * 10_000) / 100 : null,
    roas: t.adSpendMinor > 0 ? Math.round((t.adRevenueMinor / t.adSpendMinor) * 100) / 100 : null,
  };
}

async function totalsOf(f: Filters, from: string, to: string): Promise<SliceFigures> {
  const [row] = await db().$queryRaw<
    SliceFigures[]
  >`SELECT ${sums} FROM daily_analytics_slices WHERE ${filterSql(f)} AND day >= ${dayKey(from)} AND day <= ${dayKey(to)}`;
  return row!;
}

/**
 * The Analytics page: MKT-402's rows for a date range (local dates of the organisation), filtered by
 * brand and network, with the same figures over the previous period of equal length, one point per
 * day (days without a row are zeros), and the posts of the range by impressions gained in it (paged;
 * read from MKT-108's snapshots, the same growth MKT-402 sums).
 */
export async function getAnalyticsReport(opts: { organizationId: string; query: AnalyticsQuery }): Promise<AnalyticsReportDto> {
  const { from, to, brand, network, page } = opts.query;
  const org = await db().organization.findUnique({
    where: { id: opts.organizationId },
    select: { timezone: true, currency: true, brands: { select: { id: true, name: true }, orderBy: { name: "asc" } } },
  });
  if (!org) throw notFound("organization");
  if (brand && !org.brands.some((b) => b.id === brand)) throw notFound("brand", { field: "brand" });
  const f: Filters = { organizationId: opts.organizationId, brand, network };
  const length = daysBetween(from, to) + 1;
  const prevTo = addDays(from, -1);
  const prevFrom = addDays(prevTo, -(length - 1));

  const [current, previous, daily, networks, lastRun] = await Promise.all([
    totalsOf(f, from, to),
    totalsOf(f, prevFrom, prevTo),
    db().$queryRaw<
      ({ day: Date } & SliceFigures)[]
    >`SELECT day, ${sums} FROM daily_analytics_slices WHERE ${filterSql(f)} AND day >= ${dayKey(from)} AND day <= ${dayKey(to)} GROUP BY day ORDER BY day`,
    db().$queryRaw<{ network: string }[]>`SELECT DISTINCT network FROM daily_analytics_slices WHERE "organizationId" = ${opts.organizationId} ORDER BY network`,
    db().dailyAnalytics.findFirst({ where: { organizationId: opts.organizationId }, orderBy: { computedAt: "desc" }, select: { computedAt: true } }),
  ]);
  const byDay = new Map(daily.map((d) => [d.day.toISOString().slice(0, 10), d]));
  const days = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const r = byDay.get(d);
    days.push({
      day: d,
      impressions: r?.impressions ?? 0,
      engagements: r?.engagements ?? 0,
      clicks: r?.clicks ?? 0,
      postsPublished: r?.postsPublished ?? 0,
      adSpendMinor: r?.adSpendMinor ?? 0,
      adRevenueMinor: r?.adRevenueMinor ?? 0,
      leadsNew: r?.leadsNew ?? 0,
      conversions: r?.conversions ?? 0,
    });
  }
  const posts = await listPostsOfRange({ ...f, timezone: org.timezone, from, to, page });
  return {
    currency: org.currency,
    from,
    to,
    previous: { from: prevFrom, to: prevTo },
    today: localDate(new Date(), org.timezone),
    totals: withRatios(current),
    previousTotals: withRatios(previous),
    days,
    brands: org.brands,
    networks: networks.map((n) => n.network),
    lastComputedAt: lastRun?.computedAt.toISOString() ?? null,
    posts,
  };
}

type PostRow = {
  publicationId: string;
  contentPieceId: string;
  title: string | null;
  body: string;
  platform: string;
  brandName: string | null;
  postedAt: Date | null;
  impressions: number;
  engagements: number;
  clicks: number;
  total: number;
};

async function listPostsOfRange(opts: Filters & { timezone: string; from: string; to: string; page: number }): Promise<AnalyticsReportDto["posts"]> {
  const start = startOfLocalDay(opts.from, opts.timezone);
  const end = startOfLocalDay(addDays(opts.to, 1), opts.timezone);
  const offset = (opts.page - 1) * ANALYTICS_POSTS_PAGE_SIZE;
  // A post's gain over the range is the sum of its days in publication_metric_days (each day: the day's
  // last snapshot minus the last one before it, kept by the trigger on content_metric_snapshots), which is
  // the last snapshot before the end minus the last one before the start, as MKT-402 sums it. A post is
  // listed when it was posted in the range or its metrics moved in it (its first snapshot counts as a
  // move). Read: the range's day rows, the publications posted in the range (publications
  // (organizationId, postedAt)), and, one by one, the few that moved but were posted before (a hash join
  // with every publication of the organisation otherwise: issue 18, where this read first went through
  // every snapshot of the organisation, then through two index probes per publication that grew in the
  // range, 3.2 s for 30 days of a busy organisation). Titles and brands: the page's rows only (`top`).
  const brandSql = opts.brand ? Prisma.sql` AND p."brandId" = ${opts.brand}` : Prisma.empty;
  const networkSql = opts.network ? Prisma.sql` AND p.platform::text = ${opts.network}` : Prisma.empty;
  const rows = await db().$queryRaw<PostRow[]>`
    WITH d AS MATERIALIZED (
      SELECT "publicationId", SUM(impressions) AS impressions, SUM(engagements) AS engagements, SUM(clicks) AS clicks, bool_or("firstSnapshot") AS first
      FROM publication_metric_days
      WHERE "organizationId" = ${opts.organizationId} AND day >= ${opts.from}::date AND day <= ${opts.to}::date
      GROUP BY 1),
    posted AS MATERIALIZED (
      SELECT p.id, p."contentPieceId", p.platform, p."brandId", p."postedAt" FROM publications p
      WHERE p."organizationId" = ${opts.organizationId} AND p."postedAt" >= ${start} AND p."postedAt" < ${end}${brandSql}${networkSql}),
    g AS (
      SELECT p.id AS "publicationId", p."contentPieceId", p.platform::text AS platform, p."brandId", p."postedAt",
        GREATEST(COALESCE(d.impressions, 0), 0)::int AS impressions,
        GREATEST(COALESCE(d.engagements, 0), 0)::int AS engagements,
        GREATEST(COALESCE(d.clicks, 0), 0)::int AS clicks
      FROM posted p LEFT JOIN d ON d."publicationId" = p.id
      UNION ALL
      SELECT p.id, p."contentPieceId", p.platform::text, p."brandId", p."postedAt",
        GREATEST(d.impressions, 0)::int, GREATEST(d.engagements, 0)::int, GREATEST(d.clicks, 0)::int
      FROM d CROSS JOIN LATERAL (
        SELECT p.id, p."contentPieceId", p.platform, p."brandId", p."postedAt" FROM publications p
        WHERE p.id = d."publicationId" AND p."organizationId" = ${opts.organizationId} AND p."postedAt" < ${start}${brandSql}${networkSql}
        LIMIT 1) p
      WHERE NOT EXISTS (SELECT 1 FROM posted WHERE posted.id = d."publicationId") AND (d.first OR d.impressions <> 0 OR d.engagements <> 0))
    , top AS MATERIALIZED (
      SELECT g.*, COUNT(*) OVER ()::int AS total FROM g
      ORDER BY g.impressions DESC, g."postedAt" DESC, g."publicationId" LIMIT ${ANALYTICS_POSTS_PAGE_SIZE} OFFSET ${offset})
    SELECT top.*, c.title, c.body, br.name AS "brandName"
    FROM top JOIN content_pieces c ON c.id = top."contentPieceId" LEFT JOIN brands br ON br.id = top."brandId"
    ORDER BY top.impressions DESC, top."postedAt" DESC, top."publicationId"`;
  return {
    page: opts.page,
    pageSize: ANALYTICS_POSTS_PAGE_SIZE,
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      publicationId: r.publicationId,
      contentPieceId: r.contentPieceId,
      title: r.title ?? r.body.slice(0, 80),
      platform: r.platform,
      brandName: r.brandName,
      postedAt: r.postedAt?.toISOString() ?? null,
      impressions: r.impressions,
      engagements: r.engagements,
      clicks: r.clicks,
      engagementRate: r.impressions > 0 ? Math.round((r.engagements / r.impressions) * 10_000) / 100 : null,
    })),
  };
}

/** Today's local date in the organisation's time zone (the page's ranges end the day before). */
export async function getAnalyticsToday(opts: { organizationId: string; now?: Date }): Promise<string> {
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { timezone: true } });
  if (!org) throw notFound("organization");
  return localDate(opts.now ?? new Date(), org.timezone);
}
