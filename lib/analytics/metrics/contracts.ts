import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { Platform } from "@/lib/db/generated/enums";
import { contentMetricsQuerySchema } from "./schemas";

/** A content piece's metrics (MKT-108 snapshots) and "collect now": endpoints and DTOs. */

export const metricPointDto = z
  .object({
    capturedAt: isoDateTime(),
    impressions: z.number(),
    reach: z.number(),
    engagements: z.number(),
    likes: z.number(),
    comments: z.number(),
    shares: z.number(),
    saves: z.number(),
    clicks: z.number(),
    engagementRate: z.number().meta({ description: "percent" }),
    engagementScore: z.number().meta({ description: "weighted 1/3/5/4/2 (likes, comments, shares, saves, clicks)" }),
  })
  .meta({ id: "MetricPoint" });
export type MetricPointDto = z.infer<typeof metricPointDto>;

export const publicationMetricsDto = z
  .object({ publicationId: z.string(), platform: z.enum(Platform), postedAt: isoDateTime().nullable(), points: z.array(metricPointDto) })
  .meta({ id: "PublicationMetrics" });
export type PublicationMetricsDto = z.infer<typeof publicationMetricsDto>;

export const contentMetricsDto = z
  .object({ contentPieceId: z.string(), engagementRate: z.number().nullable(), engagementScore: z.number().nullable(), publications: z.array(publicationMetricsDto) })
  .meta({ id: "ContentMetrics" });
export type ContentMetricsDto = z.infer<typeof contentMetricsDto>;

export const collectMetricsResultDto = z
  .object({
    capturedAt: isoDateTime(),
    publicationIds: z.array(z.string()).meta({ description: "Publications that got a snapshot for this slot (new or refreshed)" }),
    failed: z.array(z.object({ publicationId: z.string(), reason: z.string() })),
  })
  .meta({ id: "CollectMetricsResult" });
export type CollectMetricsResult = z.infer<typeof collectMetricsResultDto>;

/** POST /content/[id]/metrics/collect takes no options: `{}` (strict, unknown fields are errors). */
export const collectContentMetricsNowSchema = z.object({}).strict();

const tag = "Analytics";

export const getContentMetricsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/content/{id}/metrics",
  tag,
  access: "org",
  summary: "Metrics time series of a content piece (and its variants), one series per publication",
  query: contentMetricsQuerySchema,
  response: z.object({ metrics: contentMetricsDto }),
});

export const collectContentMetricsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/content/{id}/metrics/collect",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Collect metrics now for the piece's posted publications",
  body: collectContentMetricsNowSchema,
  response: z.object({ collected: collectMetricsResultDto }),
});
