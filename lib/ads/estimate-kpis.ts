import "server-only";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

/** Published platform averages used when the organisation has too little history of its own (minor units of EUR-like currencies). */
export const BENCHMARKS: Record<"META_ADS" | "GOOGLE_ADS" | "TIKTOK_ADS", { cpcMinor: number; ctr: number; roas: number }> = {
  META_ADS: { cpcMinor: 45, ctr: 1.2, roas: 2.0 },
  GOOGLE_ADS: { cpcMinor: 90, ctr: 3.5, roas: 2.5 },
  TIKTOK_ADS: { cpcMinor: 30, ctr: 0.8, roas: 1.5 },
};
export const HISTORY_DAYS = 30;
export const MIN_HISTORY_CLICKS = 100;

export type ExpectedKpis = {
  cpcMinor: number;
  /** Percent. */
  ctr: number;
  roas: number;
  method: { source: "history"; days: number; clicks: number; impressions: number; spendMinor: number } | { source: "benchmark"; platform: string; clicks: number };
};

/**
 * Expected CPC, CTR and ROAS of a proposal (MKT-202), and how they were estimated: the organisation's
 * own campaign-level results on that platform over the last 30 days when they hold at least 100
 * clicks, otherwise the platform benchmark. Computed, not asked of the model.
 */
export async function estimateKpis(opts: { organizationId: string; platform: Platform; now?: Date }): Promise<ExpectedKpis> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const agg = await db().adMetricDaily.aggregate({
    where: { organizationId: opts.organizationId, level: "CAMPAIGN", day: { gte: since }, campaign: { platform: opts.platform } },
    _sum: { impressions: true, clicks: true, spendMinor: true, conversionValueMinor: true },
  });
  const clicks = agg._sum.clicks ?? 0;
  const impressions = agg._sum.impressions ?? 0;
  const spend = agg._sum.spendMinor ?? 0;
  const bench = BENCHMARKS[opts.platform as keyof typeof BENCHMARKS] ?? BENCHMARKS.META_ADS;
  if (clicks >= MIN_HISTORY_CLICKS && impressions > 0 && spend > 0) {
    return {
      cpcMinor: Math.round(spend / clicks),
      ctr: Math.round((clicks / impressions) * 10_000) / 100,
      roas: Math.round(((agg._sum.conversionValueMinor ?? 0) / spend) * 100) / 100,
      method: { source: "history", days: HISTORY_DAYS, clicks, impressions, spendMinor: spend },
    };
  }
  return { ...bench, method: { source: "benchmark", platform: opts.platform, clicks } };
}
