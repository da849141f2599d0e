import type { NormalisedMetrics } from "@/lib/connectors/types";

/** MKT-108 weights of the engagement score: likes 1, comments 3, shares 5, saves 4, clicks 2. */
export const SCORE_WEIGHTS = { likes: 1, comments: 3, shares: 5, saves: 4, clicks: 2 } as const;

/** Metrics are captured once per 2-hour slot (00:00, 02:00 ... UTC); a slot's start is the snapshot time. */
export const METRICS_SLOT_MS = 2 * 3600_000;

/** Publications are measured for 30 days after they were posted. */
export const METRICS_WINDOW_DAYS = 30;

export type EngagementFigures = {
  impressions: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  videoViews: number;
  /** likes + comments + shares (the specification's definition). */
  engagements: number;
  /** Percent: engagements / impressions * 100; / reach when the platform reports no impressions; 0 when both are 0. */
  engagementRate: number;
  /** likes*1 + comments*3 + shares*5 + saves*4 + clicks*2 */
  engagementScore: number;
};

const n = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** Engagement rate in percent, rounded to 4 decimals (see EngagementFigures.engagementRate). */
export function engagementRateOf(engagements: number, impressions: number, reach: number): number {
  const base = impressions > 0 ? impressions : reach;
  return base > 0 ? Math.round((engagements / base) * 100 * 10_000) / 10_000 : 0;
}

export function engagementScoreOf(m: { likes: number; comments: number; shares: number; saves: number; clicks: number }): number {
  return m.likes * SCORE_WEIGHTS.likes + m.comments * SCORE_WEIGHTS.comments + m.shares * SCORE_WEIGHTS.shares + m.saves * SCORE_WEIGHTS.saves + m.clicks * SCORE_WEIGHTS.clicks;
}

/** Normalised connector metrics (nulls = not reported) -> the figures stored on a snapshot. */
export function computeEngagement(m: NormalisedMetrics): EngagementFigures {
  const f = { impressions: n(m.impressions), reach: n(m.reach), likes: n(m.likes), comments: n(m.comments), shares: n(m.shares), saves: n(m.saves), clicks: n(m.clicks), videoViews: n(m.videoViews) };
  const engagements = f.likes + f.comments + f.shares;
  return { ...f, engagements, engagementRate: engagementRateOf(engagements, f.impressions, f.reach), engagementScore: engagementScoreOf(f) };
}

/** Start of the 2-hour slot containing `at` (UTC): the snapshot's capturedAt, so a re-run in the same slot overwrites, never duplicates. */
export function metricsSlotOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / METRICS_SLOT_MS) * METRICS_SLOT_MS);
}
