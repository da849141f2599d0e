import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";

/** The inbox's 2-hour KPIs (issue 15, seed 003 feature 2.2): fixed windows of the organisation's local time. */

export const kpiWindowDto = z
  .object({
    start: isoDateTime(),
    end: isoDateTime().meta({ description: "2 hours later, except across a DST change (1 or 3 hours)" }),
    messages: z.number().int(),
    comments: z.number().int(),
    frtP50Seconds: z.number().int().nullable().meta({ description: "Median first response time of the items answered" }),
    autoReplyRate: z.number().nullable().meta({ description: "0..1, automatic replies among triaged items" }),
    autoReplies: z.number().int(),
    escalations: z.number().int(),
    ignored: z.number().int(),
    postsActive: z.number().int(),
  })
  .meta({ id: "InboxKpiWindow" });
export type KpiWindowDto = z.infer<typeof kpiWindowDto>;

export const inboxKpisDto = z
  .object({
    timezone: z.string(),
    computedAt: isoDateTime().nullable().meta({ description: "Last time a window of the period was written (the recompute runs every 30 minutes)" }),
    last48h: z.array(kpiWindowDto).meta({ description: "Every window of the last 48 hours, empty ones included (zeros)" }),
    last7d: z.array(kpiWindowDto),
    totals48h: z.object({
      messages: z.number().int(),
      comments: z.number().int(),
      frtP50Seconds: z.number().int().nullable().meta({ description: "Median of the windows' medians" }),
      autoReplyRate: z.number().nullable(),
      escalations: z.number().int(),
      ignored: z.number().int(),
      postsActivePeak: z.number().int().meta({ description: "Most publications with comments in one window" }),
    }),
  })
  .meta({ id: "InboxKpis" });
export type InboxKpisDto = z.infer<typeof inboxKpisDto>;

export const getInboxKpisEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/kpis",
  tag: "Inbox",
  access: "org",
  summary: "2-hour inbox KPIs of the last 48 hours and 7 days, in the organisation's time zone",
  response: z.object({ kpis: inboxKpisDto }),
});
