import { z } from "zod";

/** MKT-402 analytics: the Analytics page's query and the backfill's body (shared with the browser). */
export const ANALYTICS_MAX_DAYS = 366;
export const ANALYTICS_POSTS_PAGE_SIZE = 20;
/** Networks a daily row can carry: social networks, ad networks, and NONE (leads that came from no network's ad). */
export const ANALYTICS_NETWORKS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X", "META_ADS", "GOOGLE_ADS", "TIKTOK_ADS", "NONE"] as const;
export type AnalyticsNetwork = (typeof ANALYTICS_NETWORKS)[number];

const localDate = z.iso.date();
/** Days from `from` to `to`, both included ("YYYY-MM-DD"). */
export const spanDays = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

const rangeChecks = <S extends z.ZodType<{ from: string; to: string }>>(schema: S) =>
  schema
    .refine((q) => q.to >= q.from, { message: "validation.toAfterFrom", path: ["to"] })
    .refine((q) => spanDays(q.from, q.to) <= ANALYTICS_MAX_DAYS, { message: "validation.rangeTooLong", path: ["to"], params: { days: ANALYTICS_MAX_DAYS } });

export const analyticsQuerySchema = rangeChecks(
  z.object({
    from: localDate,
    to: localDate,
    brand: z.string().min(1).max(64).optional(),
    network: z.enum(ANALYTICS_NETWORKS).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    lang: z.enum(["fr", "en"]).optional(),
  }),
);
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

/** POST …/analytics/backfills: a range of local dates to recompute (at most 366 days, not after today). */
export const backfillRangeSchema = rangeChecks(z.strictObject({ from: localDate, to: localDate }));

/** `date` ("YYYY-MM-DD") plus `n` calendar days (pure: the page's presets use it in the browser). */
export const shiftDate = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Percent change from `before` to `now` (one decimal); null when there was nothing before to compare with. */
export function deltaPercent(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}
