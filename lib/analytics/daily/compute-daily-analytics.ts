import "server-only";
import { Prisma, db } from "@/lib/db/client";
import { addDays, dayKey, startOfLocalDay } from "@/lib/time/local-dates";
import { notFound } from "@/lib/errors";

/** The figures of one (brand, network) cell of a day; the org row is their sum. */
export const SLICE_FIGURES = [
  "postsPublished",
  "publicationsFailed",
  "impressions",
  "reach",
  "engagements",
  "clicks",
  "adSpendMinor",
  "adImpressions",
  "adClicks",
  "adConversions",
  "adRevenueMinor",
  "leadsNew",
  "leadsHot",
  "leadsWarm",
  "leadsCold",
  "bookings",
  "conversions",
  "conversionValueMinor",
] as const;
export type SliceFigure = (typeof SLICE_FIGURES)[number];
export type SliceFigures = Record<SliceFigure, number>;
export const NO_BRAND = "none";
export const NO_NETWORK = "NONE";

type Cell = { brandKey: string; network: string } & SliceFigures;
type Part = { brandId: string | null; network: string | null } & Partial<Record<SliceFigure, bigint | number | null>>;

const zero = (): SliceFigures => Object.fromEntries(SLICE_FIGURES.map((k) => [k, 0])) as SliceFigures;

/**
 * MKT-402 for one organisation and one local date: content (the day's growth of each post's cumulative
 * metrics, posts published, publications that failed), ads (campaign-level daily rows) and leads (new
 * leads by tier, bookings confirmed, conversions) per brand and network, written in one transaction:
 * each (brand, network) row upserted by its key and rewritten only when a figure changed, cells that no
 * longer exist deleted, and the organisation's DailyAnalytics row (their sum, the breakdown, AI credits)
 * upserted the same way. Running it twice leaves identical rows.
 */
export async function computeDailyAnalytics(opts: { organizationId: string; date: string; now?: Date }): Promise<{ date: string; slices: number }> {
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { id: true, timezone: true, currency: true } });
  if (!org) throw notFound("organization");
  const start = startOfLocalDay(opts.date, org.timezone);
  const end = startOfLocalDay(addDays(opts.date, 1), org.timezone);
  const day = dayKey(opts.date);
  const orgId = org.id;

  const [content, posted, failed, ads, leads, bookings, conversions, credits] = await Promise.all([
    db().$queryRaw<Part[]>`
      WITH e AS (
        SELECT DISTINCT ON ("publicationId") "publicationId", impressions, reach, engagements, clicks
        FROM content_metric_snapshots WHERE "organizationId" = ${orgId} AND "capturedAt" < ${end}
        ORDER BY "publicationId", "capturedAt" DESC),
      b AS (
        SELECT DISTINCT ON ("publicationId") "publicationId", impressions, reach, engagements, clicks
        FROM content_metric_snapshots WHERE "organizationId" = ${orgId} AND "capturedAt" < ${start}
        ORDER BY "publicationId", "capturedAt" DESC)
      SELECT p."brandId", p.platform::text AS network,
        SUM(GREATEST(e.impressions - COALESCE(b.impressions, 0), 0)) AS impressions,
        SUM(GREATEST(e.reach - COALESCE(b.reach, 0), 0)) AS reach,
        SUM(GREATEST(e.engagements - COALESCE(b.engagements, 0), 0)) AS engagements,
        SUM(GREATEST(e.clicks - COALESCE(b.clicks, 0), 0)) AS clicks
      FROM e JOIN publications p ON p.id = e."publicationId" LEFT JOIN b ON b."publicationId" = e."publicationId"
      GROUP BY 1, 2`,
    db().$queryRaw<Part[]>`
      SELECT "brandId", platform::text AS network, COUNT(*) AS "postsPublished" FROM publications
      WHERE "organizationId" = ${orgId} AND "postedAt" >= ${start} AND "postedAt" < ${end} GROUP BY 1, 2`,
    db().$queryRaw<Part[]>`
      SELECT p."brandId", p.platform::text AS network, COUNT(*) AS "publicationsFailed" FROM publications p
      WHERE p."organizationId" = ${orgId} AND p.status = 'FAILED'
        AND (SELECT MAX(a."finishedAt") FROM publication_attempts a WHERE a."publicationId" = p.id AND a.status = 'FAILED') >= ${start}
        AND (SELECT MAX(a."finishedAt") FROM publication_attempts a WHERE a."publicationId" = p.id AND a.status = 'FAILED') < ${end}
      GROUP BY 1, 2`,
    db().$queryRaw<Part[]>`
      SELECT c."brandId", c.platform::text AS network, SUM(m."spendMinor") AS "adSpendMinor", SUM(m.impressions) AS "adImpressions",
        SUM(m.clicks) AS "adClicks", SUM(m.conversions) AS "adConversions", SUM(m."conversionValueMinor") AS "adRevenueMinor"
      FROM ad_metrics_daily m JOIN ad_campaigns c ON c.id = m."campaignId"
      WHERE m."organizationId" = ${orgId} AND m.level = 'CAMPAIGN' AND m.day = ${day} GROUP BY 1, 2`,
    db().$queryRaw<Part[]>`
      SELECT l."brandId", c.platform::text AS network, COUNT(*) AS "leadsNew",
        COUNT(*) FILTER (WHERE l.tier = 'HOT') AS "leadsHot", COUNT(*) FILTER (WHERE l.tier = 'WARM') AS "leadsWarm",
        COUNT(*) FILTER (WHERE l.tier = 'COLD') AS "leadsCold"
      FROM leads l LEFT JOIN ad_campaigns c ON c.id = l."campaignId" AND c."organizationId" = l."organizationId"
      WHERE l."organizationId" = ${orgId} AND l."createdAt" >= ${start} AND l."createdAt" < ${end} GROUP BY 1, 2`,
    db().$queryRaw<Part[]>`
      SELECT l."brandId", c.platform::text AS network, COUNT(*) AS bookings
      FROM bookings k JOIN leads l ON l.id = k."leadId" LEFT JOIN ad_campaigns c ON c.id = l."campaignId" AND c."organizationId" = l."organizationId"
      WHERE k."organizationId" = ${orgId} AND k."confirmedAt" >= ${start} AND k."confirmedAt" < ${end} GROUP BY 1, 2`,
    db().$queryRaw<Part[]>`
      SELECT l."brandId", c.platform::text AS network, COUNT(*) AS conversions, SUM(v."valueMinor") AS "conversionValueMinor"
      FROM conversions v JOIN leads l ON l.id = v."leadId" LEFT JOIN ad_campaigns c ON c.id = l."campaignId" AND c."organizationId" = l."organizationId"
      WHERE v."organizationId" = ${orgId} AND v."occurredAt" >= ${start} AND v."occurredAt" < ${end} GROUP BY 1, 2`,
    db().$queryRaw<{ credits: bigint | null }[]>`
      SELECT SUM(credits) AS credits FROM ai_usage_ledger
      WHERE "organizationId" = ${orgId} AND kind = 'USAGE' AND "occurredAt" >= ${start} AND "occurredAt" < ${end}`,
  ]);

  const cells = new Map<string, Cell>();
  for (const part of [content, posted, failed, ads, leads, bookings, conversions].flat()) {
    const brandKey = part.brandId ?? NO_BRAND;
    const network = part.network ?? NO_NETWORK;
    const key = `${brandKey}|${network}`;
    const cell = cells.get(key) ?? { brandKey, network, ...zero() };
    for (const f of SLICE_FIGURES) if (part[f] != null) cell[f] += Number(part[f]);
    cells.set(key, cell);
  }
  // A cell of zeros (a post that did not move that day) is no activity: no row.
  const rows = [...cells.values()]
    .filter((c) => SLICE_FIGURES.some((f) => c[f] !== 0))
    .sort((a, b) => `${a.brandKey}|${a.network}`.localeCompare(`${b.brandKey}|${b.network}`));
  const aiCredits = Number(credits[0]?.credits ?? 0);
  const now = opts.now ?? new Date();

  await db().$transaction(async (tx) => {
    const cols = Prisma.join(SLICE_FIGURES.map((f) => Prisma.raw(`"${f}"`)));
    const excluded = Prisma.join(SLICE_FIGURES.map((f) => Prisma.raw(`EXCLUDED."${f}"`)));
    const current = Prisma.join(SLICE_FIGURES.map((f) => Prisma.raw(`daily_analytics_slices."${f}"`)));
    const updates = Prisma.join(SLICE_FIGURES.map((f) => Prisma.raw(`"${f}" = EXCLUDED."${f}"`)));
    if (rows.length > 0) {
      const values = Prisma.join(
        rows.map(
          (r) => Prisma.sql`(gen_random_uuid()::text, ${orgId}, ${r.brandKey}, ${r.network}, ${day}, ${Prisma.join(SLICE_FIGURES.map((f) => r[f]))}, ${now})`,
        ),
      );
      await tx.$executeRaw`
        INSERT INTO daily_analytics_slices (id, "organizationId", "brandKey", network, day, ${cols}, "computedAt") VALUES ${values}
        ON CONFLICT ("organizationId", "brandKey", day, network) DO UPDATE SET ${updates}, "computedAt" = EXCLUDED."computedAt"
        WHERE (${current}) IS DISTINCT FROM (${excluded})`;
    }
    const keep = rows.map((r) => `${r.brandKey}|${r.network}`);
    await tx.$executeRaw`
      DELETE FROM daily_analytics_slices WHERE "organizationId" = ${orgId} AND day = ${day}
        AND NOT ("brandKey" || '|' || network = ANY(${keep}::text[]))`;

    if (rows.length === 0 && aiCredits === 0) {
      await tx.dailyAnalytics.deleteMany({ where: { organizationId: orgId, day } });
      return;
    }
    const total = zero();
    const byPlatform: Record<string, { posts: number; impressions: number; engagements: number; adSpendMinor: number; leadsNew: number }> = {};
    const byBrand: Record<string, { posts: number; impressions: number; engagements: number; adSpendMinor: number; leadsNew: number }> = {};
    for (const r of rows) {
      for (const f of SLICE_FIGURES) total[f] += r[f];
      for (const [map, k] of [
        [byPlatform, r.network],
        [byBrand, r.brandKey],
      ] as const) {
        const b = (map[k] ??= { posts: 0, impressions: 0, engagements: 0, adSpendMinor: 0, leadsNew: 0 });
        b.posts += r.postsPublished;
        b.impressions += r.impressions;
        b.engagements += r.engagements;
        b.adSpendMinor += r.adSpendMinor;
        b.leadsNew += r.leadsNew;
      }
    }
    const rate = total.impressions > 0 ? Math.round((total.engagements / total.impressions) * 10_000) / 100 : null;
    const roas = total.adSpendMinor > 0 ? Math.round((total.adRevenueMinor / total.adSpendMinor) * 100) / 100 : null;
    const breakdown = JSON.stringify({ byPlatform, byBrand });
    await tx.$executeRaw`
      INSERT INTO daily_analytics (id, "organizationId", day, currency, "postsPublished", "publicationsFailed", impressions, reach, engagements, clicks,
        "avgEngagementRate", "adSpendMinor", "adImpressions", "adClicks", "adConversions", "adRevenueMinor", roas, "leadsNew", "leadsHot", "leadsWarm",
        "leadsCold", bookings, conversions, "conversionValueMinor", "aiCredits", breakdown, "computedAt")
      VALUES (gen_random_uuid()::text, ${orgId}, ${day}, ${org.currency}, ${total.postsPublished}, ${total.publicationsFailed}, ${total.impressions},
        ${total.reach}, ${total.engagements}, ${total.clicks}, ${rate}, ${total.adSpendMinor}, ${total.adImpressions}, ${total.adClicks},
        ${total.adConversions}, ${total.adRevenueMinor}, ${roas}, ${total.leadsNew}, ${total.leadsHot}, ${total.leadsWarm}, ${total.leadsCold},
        ${total.bookings}, ${total.conversions}, ${total.conversionValueMinor}, ${aiCredits}, ${breakdown}::jsonb, ${now})
      ON CONFLICT ("organizationId", day) DO UPDATE SET currency = EXCLUDED.currency, "postsPublished" = EXCLUDED."postsPublished",
        "publicationsFailed" = EXCLUDED."publicationsFailed", impressions = EXCLUDED.impressions, reach = EXCLUDED.reach,
        engagements = EXCLUDED.engagements, clicks = EXCLUDED.clicks, "avgEngagementRate" = EXCLUDED."avgEngagementRate",
        "adSpendMinor" = EXCLUDED."adSpendMinor", "adImpressions" = EXCLUDED."adImpressions", "adClicks" = EXCLUDED."adClicks",
        "adConversions" = EXCLUDED."adConversions", "adRevenueMinor" = EXCLUDED."adRevenueMinor", roas = EXCLUDED.roas,
        "leadsNew" = EXCLUDED."leadsNew", "leadsHot" = EXCLUDED."leadsHot", "leadsWarm" = EXCLUDED."leadsWarm", "leadsCold" = EXCLUDED."leadsCold",
        bookings = EXCLUDED.bookings, conversions = EXCLUDED.conversions, "conversionValueMinor" = EXCLUDED."conversionValueMinor",
        "aiCredits" = EXCLUDED."aiCredits", breakdown = EXCLUDED.breakdown, "computedAt" = EXCLUDED."computedAt"
      WHERE (daily_analytics.currency, daily_analytics."postsPublished", daily_analytics."publicationsFailed", daily_analytics.impressions,
          daily_analytics.reach, daily_analytics.engagements, daily_analytics.clicks, daily_analytics."adSpendMinor", daily_analytics."adImpressions",
          daily_analytics."adClicks", daily_analytics."adConversions", daily_analytics."adRevenueMinor", daily_analytics."leadsNew",
          daily_analytics."leadsHot", daily_analytics."leadsWarm", daily_analytics."leadsCold", daily_analytics.bookings, daily_analytics.conversions,
          daily_analytics."conversionValueMinor", daily_analytics."aiCredits", daily_analytics.breakdown)
        IS DISTINCT FROM (EXCLUDED.currency, EXCLUDED."postsPublished", EXCLUDED."publicationsFailed", EXCLUDED.impressions, EXCLUDED.reach,
          EXCLUDED.engagements, EXCLUDED.clicks, EXCLUDED."adSpendMinor", EXCLUDED."adImpressions", EXCLUDED."adClicks", EXCLUDED."adConversions",
          EXCLUDED."adRevenueMinor", EXCLUDED."leadsNew", EXCLUDED."leadsHot", EXCLUDED."leadsWarm", EXCLUDED."leadsCold", EXCLUDED.bookings,
          EXCLUDED.conversions, EXCLUDED."conversionValueMinor", EXCLUDED."aiCredits", EXCLUDED.breakdown)`;
  });
  return { date: opts.date, slices: rows.length };
}
