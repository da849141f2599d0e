import type { Platform } from "@/lib/db/generated/enums";
import type { Prisma } from "@/lib/db/client";
import { demoId, type DemoContext } from "./context";
import type { ContentSeed } from "./seed-content";
import type { LeadsSeed } from "./seed-leads";

/** Content networks of the demo history, with a daily impressions scale and engagement rate (percent). */
const HISTORY: { network: Platform; impressions: number; rate: number }[] = [
  { network: "LINKEDIN", impressions: 900, rate: 4.2 },
  { network: "INSTAGRAM", impressions: 1400, rate: 5.1 },
  { network: "FACEBOOK", impressions: 700, rate: 2.6 },
  { network: "TIKTOK", impressions: 2100, rate: 6.3 },
];

/**
 * MKT-402 rows of the demo (what the Analytics page reads), per brand, day and network:
 * - days -7..-1 from the seeded week itself (the posts' final metrics on the day they went out, the
 *   campaigns' daily rows per ad network, the new leads), the same figures as the DailyAnalytics rows;
 * - days -60..-8 a deterministic history before that week (weekday rhythm, slow growth), so the
 *   30- and 90-day views and the comparison with the previous period have something to compare.
 * "Recompute the period" on the page replaces any of them with what the stored metrics give.
 */
export async function seedDailySlices(ctx: DemoContext, deps: { content: ContentSeed; leads: LeadsSeed; dayOf: (t: Date) => number }): Promise<void> {
  const { tx, clock, organizationId, brandId } = ctx;
  const rows = new Map<string, Prisma.DailyAnalyticsSliceCreateManyInput>();
  const cell = (d: number, network: string) => {
    const key = `${d}|${network}`;
    let row = rows.get(key);
    if (!row) {
      row = { id: demoId(`${organizationId}:slice:${key}`), organizationId, brandKey: brandId, network, day: clock.day(d), computedAt: clock.at(d, 23, 59) };
      rows.set(key, row);
    }
    return row;
  };
  const add = (row: Prisma.DailyAnalyticsSliceCreateManyInput, k: keyof Prisma.DailyAnalyticsSliceCreateManyInput, v: number) => {
    (row as Record<string, unknown>)[k] = (((row as Record<string, unknown>)[k] as number | undefined) ?? 0) + v;
  };

  for (const p of deps.content.posted) {
    const d = deps.dayOf(p.postedAt);
    if (d < -7 || d > -1) continue;
    const row = cell(d, p.platform);
    add(row, "postsPublished", 1);
    add(row, "impressions", p.impressions);
    add(row, "reach", p.reach);
    add(row, "engagements", p.engagements);
    add(row, "clicks", p.clicks);
  }
  const ads = await tx.adMetricDaily.findMany({
    where: { organizationId, level: "CAMPAIGN", day: { gte: clock.day(-7), lte: clock.day(-1) } },
    select: {
      day: true,
      spendMinor: true,
      impressions: true,
      clicks: true,
      conversions: true,
      conversionValueMinor: true,
      campaign: { select: { platform: true } },
    },
  });
  for (const a of ads) {
    const d = Math.round((a.day.getTime() - clock.day(0).getTime()) / 86_400_000);
    const row = cell(d, a.campaign.platform);
    add(row, "adSpendMinor", a.spendMinor);
    add(row, "adImpressions", a.impressions);
    add(row, "adClicks", a.clicks);
    add(row, "adConversions", a.conversions);
    add(row, "adRevenueMinor", a.conversionValueMinor);
  }
  for (let d = -7; d <= -1; d++) {
    const n = deps.leads.newLeadsByDay.get(d) ?? 0;
    if (n > 0) add(cell(d, "NONE"), "leadsNew", n);
  }

  // The history follows the seeded week's own scale (content reach per day, ad spend and return).
  const week = [...rows.values()];
  const sum = (k: "impressions" | "adSpendMinor" | "adRevenueMinor") => week.reduce((a, r) => a + ((r[k] as number | undefined) ?? 0), 0);
  const contentScale = sum("impressions") / 7 / HISTORY.reduce((a, h) => a + h.impressions, 0) || 1;
  const spendPerDay = sum("adSpendMinor") / 7 || 2_400;
  const roas = sum("adSpendMinor") > 0 ? sum("adRevenueMinor") / sum("adSpendMinor") : 2.5;
  for (let d = -60; d <= -8; d++) {
    const weekday = clock.day(d).getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 0.55 : 1 + ((weekday * 7) % 5) / 20;
    const growth = 0.7 + (0.3 * (d + 60)) / 52;
    for (const [i, h] of HISTORY.entries()) {
      const impressions = Math.round(h.impressions * contentScale * rhythm * growth * (0.85 + (((d * 13 + i * 7) % 11) + 11) / 36));
      const row = cell(d, h.network);
      add(row, "postsPublished", (d + i) % 3 === 0 ? 1 : 0);
      add(row, "impressions", impressions);
      add(row, "reach", Math.round(impressions * 0.72));
      add(row, "engagements", Math.round((impressions * h.rate) / 100));
      add(row, "clicks", Math.round(impressions * 0.011));
    }
    const spend = Math.round(spendPerDay * growth * rhythm);
    const meta = cell(d, "META_ADS");
    add(meta, "adSpendMinor", spend);
    add(meta, "adImpressions", spend * 9);
    add(meta, "adClicks", Math.round(spend / 60));
    add(meta, "adConversions", (d & 3) === 0 ? 1 : 0);
    add(meta, "adRevenueMinor", Math.round(spend * roas * (0.7 + ((d * 5 + 60) % 7) / 20)));
    const leadsNew = Math.round(rhythm * growth * 2 + ((((d * 3) % 2) + 2) % 2));
    if (leadsNew > 0) {
      const none = cell(d, "NONE");
      add(none, "leadsNew", leadsNew);
      add(none, "leadsWarm", Math.ceil(leadsNew / 2));
      add(none, "leadsCold", Math.floor(leadsNew / 2));
    }
  }
  await tx.dailyAnalyticsSlice.createMany({ data: [...rows.values()] });
}
