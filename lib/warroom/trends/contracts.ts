import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { ContentFormat, Platform } from "@/lib/db/generated/enums";

/**
 * The trend radar (issue 14): what rises in our own results — hashtags, formats and networks, the
 * last 14 days against the 14 before, from the latest metrics of each post published — and the
 * team's notes. No scraping: everything comes from this organisation's data or its people.
 */
const change = { current: z.number(), previous: z.number(), changePct: z.number().nullable() };

export const trendRowDto = z.object({
  key: z.string(),
  posts: z.number().int(),
  previousPosts: z.number().int(),
  engagements: z.object(change),
  engagementRate: z.object(change),
  rising: z.boolean(),
});

export const trendNoteDto = z
  .object({ id: z.string(), source: z.enum(["TEAM_NOTE", "CREATIVE_CENTER"]), title: z.string(), note: z.string().nullable(), platform: z.enum(Platform).nullable(), url: z.string().nullable(), expiresAt: isoDateTime().nullable(), createdAt: isoDateTime(), createdBy: z.string().nullable() })
  .meta({ id: "TrendNote" });
export type TrendNoteDto = z.infer<typeof trendNoteDto>;

export const trendRadarDto = z
  .object({
    from: isoDateTime(),
    to: isoDateTime(),
    days: z.number().int(),
    hashtags: z.array(trendRowDto),
    formats: z.array(trendRowDto.extend({ key: z.enum(ContentFormat) })),
    platforms: z.array(trendRowDto.extend({ key: z.enum(Platform) })),
    notes: z.array(trendNoteDto),
  })
  .meta({ id: "TrendRadar" });
export type TrendRadarDto = z.infer<typeof trendRadarDto>;

export const trendNoteSchema = z.strictObject({
  title: z.string().trim().min(2).max(160),
  note: z.string().trim().max(2000).optional(),
  source: z.enum(["TEAM_NOTE", "CREATIVE_CENTER"]).default("TEAM_NOTE"),
  platform: z.enum(Platform).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  /** Hidden from the radar after this many days (default: kept until deleted). */
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

const tag = "War Room";

export const getTrendRadarEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/war-room/trends",
  tag,
  access: "org",
  summary: "Trend radar: rising hashtags, formats and networks in our own results (14 days against the 14 before) and the team's notes",
  query: z.strictObject({ days: z.coerce.number().int().min(7).max(90).default(14) }),
  response: trendRadarDto,
});

export const addTrendNoteEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/war-room/trends",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Add a team note to the trend radar (a trend seen elsewhere, e.g. in TikTok Creative Center)",
  body: trendNoteSchema,
  response: z.object({ note: trendNoteDto }),
  status: 201,
});

export const deleteTrendNoteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/war-room/trends/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Remove a team note from the trend radar",
  produces: "none",
});
