import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { analyticsQuerySchema, backfillRangeSchema } from "./schemas";

/** MKT-402 analytics: the Analytics page's report, its CSV export and the backfill ("Recompute"). */
const tag = "Analytics";
const count = z.number().int();

export const analyticsTotalsDto = z
  .object({
    postsPublished: count,
    publicationsFailed: count,
    impressions: count,
    reach: count,
    engagements: count,
    clicks: count,
    adSpendMinor: count,
    adImpressions: count,
    adClicks: count,
    adConversions: count,
    adRevenueMinor: count,
    leadsNew: count,
    leadsHot: count,
    leadsWarm: count,
    leadsCold: count,
    bookings: count,
    conversions: count,
    conversionValueMinor: count,
    engagementRate: z.number().nullable().meta({ description: "percent: engagements / impressions" }),
    roas: z.number().nullable().meta({ description: "ad revenue / ad spend" }),
  })
  .meta({ id: "AnalyticsTotals" });
export type AnalyticsTotalsDto = z.infer<typeof analyticsTotalsDto>;

export const analyticsDayDto = z
  .object({
    day: z.string(),
    impressions: count,
    engagements: count,
    clicks: count,
    postsPublished: count,
    adSpendMinor: count,
    adRevenueMinor: count,
    leadsNew: count,
    conversions: count,
  })
  .meta({ id: "AnalyticsDay" });
export type AnalyticsDayDto = z.infer<typeof analyticsDayDto>;

export const analyticsPostDto = z
  .object({
    publicationId: z.string(),
    contentPieceId: z.string(),
    title: z.string(),
    platform: z.string(),
    brandName: z.string().nullable(),
    postedAt: isoDateTime().nullable(),
    impressions: count,
    engagements: count,
    clicks: count,
    engagementRate: z.number().nullable(),
  })
  .meta({ id: "AnalyticsPost", description: "A post's gain over the range (MKT-108 snapshots)" });
export type AnalyticsPostDto = z.infer<typeof analyticsPostDto>;

export const analyticsReportDto = z
  .object({
    currency: z.string(),
    from: z.string(),
    to: z.string(),
    previous: z.object({ from: z.string(), to: z.string() }),
    today: z.string().meta({ description: "today's local date in the organisation's time zone" }),
    totals: analyticsTotalsDto,
    previousTotals: analyticsTotalsDto,
    days: z.array(analyticsDayDto),
    brands: z.array(z.object({ id: z.string(), name: z.string() })),
    networks: z.array(z.string()).meta({ description: "networks that have rows (filter options)" }),
    lastComputedAt: isoDateTime().nullable(),
    posts: z.object({ page: count, pageSize: count, total: count, items: z.array(analyticsPostDto) }),
  })
  .meta({ id: "AnalyticsReport" });
export type AnalyticsReportDto = z.infer<typeof analyticsReportDto>;

export const analyticsBackfillDto = z
  .object({
    id: z.string(),
    from: z.string(),
    to: z.string(),
    daysTotal: count,
    daysDone: count,
    status: z.enum(["RUNNING", "DONE", "FAILED"]),
    createdAt: isoDateTime(),
    finishedAt: isoDateTime().nullable(),
  })
  .meta({ id: "AnalyticsBackfill" });
export type AnalyticsBackfillDto = z.infer<typeof analyticsBackfillDto>;

export const getAnalyticsReportEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/analytics",
  tag,
  access: "org",
  permission: "read",
  summary:
    "MKT-402 daily analytics over a range of local dates (at most 366), by brand and network, with the previous period and the posts of the range (20 a page)",
  query: analyticsQuerySchema,
  response: analyticsReportDto,
});

export const exportAnalyticsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/analytics/export",
  tag,
  access: "org",
  permission: "read",
  summary: "The range's daily rows (per day, brand and network) as CSV (papaparse, formulas neutralised), headers in the reader's language",
  query: analyticsQuerySchema,
  produces: "raw",
});

export const getAnalyticsBackfillEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/analytics/backfills",
  tag,
  access: "org",
  permission: "read",
  summary: "The newest recomputation (backfill) of the organisation and its progress",
  response: z.object({ backfill: analyticsBackfillDto.nullable() }),
});

export const requestAnalyticsBackfillEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/analytics/backfills",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Recompute MKT-402 over a range of local dates (at most 366, not after today): 202, one run with a step per day; 409 while one runs",
  body: backfillRangeSchema,
  response: z.object({ backfill: analyticsBackfillDto }),
  status: 202,
});
