import { z } from "zod";
import { InsightStatus, InsightType, LeadStatus } from "@/lib/db/generated/enums";

/**
 * MKT-403's weekly report, as stored in `weekly_reports.sections` and read by the page, the PDF and
 * the API. The figures are computed from MKT-402's rows and the tables (never by the model); the
 * model writes only `summary` (its own column) and `recommendations`. Pure: the page imports it.
 */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);
const rate = z.number().nullable();

export const weekTotalsSchema = z.object({
  postsPublished: count,
  impressions: count,
  engagements: count,
  clicks: count,
  /** Percent (3.7 = 3.7 %), null without impressions. */
  engagementRate: rate,
  adSpendMinor: count,
  adRevenueMinor: count,
  /** Revenue / spend, null without spend. */
  roas: rate,
  leadsNew: count,
  leadsHot: count,
  bookings: count,
  conversions: count,
  conversionValueMinor: count,
});
export type WeekTotals = z.infer<typeof weekTotalsSchema>;

export const weeklyFiguresSchema = z.object({
  /** ISO week of the report, e.g. "2026-W48". */
  isoWeek: z.string(),
  /** Local dates, Monday to Sunday inclusive. */
  from: localDate,
  to: localDate,
  currency: z.string(),
  totals: weekTotalsSchema,
  previousTotals: weekTotalsSchema,
  days: z.array(
    z.object({ day: localDate, impressions: count, engagements: count, postsPublished: count, adSpendMinor: count, adRevenueMinor: count, leadsNew: count }),
  ),
  content: z.object({
    /** The 3 posts that gained the most impressions in the week (MKT-108 snapshots, as the Analytics page). */
    top: z
      .array(
        z.object({
          publicationId: z.string(),
          contentPieceId: z.string(),
          title: z.string(),
          platform: z.string(),
          impressions: count,
          engagements: count,
          engagementRate: rate,
        }),
      )
      .max(3),
    /** Per content network: this week against the previous one. */
    networks: z.array(z.object({ network: z.string(), impressions: count, engagements: count, engagementRate: rate, previousEngagementRate: rate })),
  }),
  ads: z.object({
    bestAdSet: z
      .object({
        id: z.string(),
        name: z.string(),
        campaign: z.string(),
        platform: z.string(),
        spendMinor: count,
        revenueMinor: count,
        conversions: count,
        roas: rate,
      })
      .nullable(),
  }),
  leads: z.object({ warm: count, cold: count, pipeline: z.array(z.object({ status: z.enum(LeadStatus), count })) }),
  insights: z.array(
    z.object({
      id: z.string(),
      type: z.enum(InsightType),
      status: z.enum(InsightStatus),
      title: z.string(),
      description: z.string(),
      confidence: z.number(),
      recommendedAction: z.string().nullable(),
    }),
  ),
});
export type WeeklyFigures = z.infer<typeof weeklyFiguresSchema>;

/** What the model writes (validated; an invalid answer after the repair turn -> the rules' text). */
export const weeklyReportTextSchema = z.object({
  summary: z.string().min(40).max(1500),
  recommendations: z.array(z.string().min(10).max(400)).min(2).max(5),
});
export type WeeklyReportText = z.infer<typeof weeklyReportTextSchema>;

export const weeklyReportSectionsSchema = z.object({
  figures: weeklyFiguresSchema,
  recommendations: z.array(z.string()),
  /** "ai": a model's text; "rules": written from the figures by rules (offline provider, or the model's answer was unusable). */
  writtenBy: z.enum(["ai", "rules"]),
});
export type WeeklyReportSections = z.infer<typeof weeklyReportSectionsSchema>;

/** POST …/war-room/reports ("Generate now"): the last complete week unless one is given. */
export const generateWeeklyReportSchema = z.strictObject({ weekStart: localDate.optional() });

/** Monday..Sunday of ISO week: the ISO week label ("2026-W48") of a local date. Pure. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of that week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The Monday starting the last complete week before `today` (local dates). Pure. */
export function lastCompleteWeekStart(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  return new Date(d.getTime() - (weekday - 1 + 7) * 86_400_000).toISOString().slice(0, 10);
}

/** Whether `date` is a Monday. Pure. */
export const isMonday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
