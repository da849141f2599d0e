import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { ReportStatus } from "@/lib/db/generated/enums";
import { generateWeeklyReportSchema, weeklyReportSectionsSchema } from "./schemas";

/** MKT-403's weekly reports: list, one report, its PDF, and "Generate now". */

export const weeklyReportSummaryDto = z
  .object({
    id: z.string(),
    isoWeek: z.string(),
    from: z.string(),
    to: z.string(),
    status: z.enum(ReportStatus),
    summary: z.string().nullable(),
    sentAt: isoDateTime().nullable(),
    createdAt: isoDateTime(),
  })
  .meta({ id: "WeeklyReportSummary" });
export type WeeklyReportSummaryDto = z.infer<typeof weeklyReportSummaryDto>;

export const weeklyReportDto = weeklyReportSummaryDto
  .extend({
    /** Null for a FAILED report (nothing was written). */
    sections: weeklyReportSectionsSchema.nullable(),
    recipients: z.array(z.string()),
    model: z.string().nullable(),
  })
  .meta({
    id: "WeeklyReport",
    description: "Figures computed from MKT-402's daily rows and the tables; the model wrote only the summary and the recommendations",
  });
export type WeeklyReportDto = z.infer<typeof weeklyReportDto>;

const tag = "War Room";

export const listWeeklyReportsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/war-room/reports",
  tag,
  access: "org",
  permission: "read",
  summary: "The organisation's weekly reports (MKT-403), newest week first (the last 52)",
  response: z.object({ reports: z.array(weeklyReportSummaryDto) }),
});

export const getWeeklyReportEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/war-room/reports/{id}",
  tag,
  access: "org",
  permission: "read",
  summary: "One weekly report: figures, summary, recommendations (404 for another organisation's)",
  response: z.object({ report: weeklyReportDto }),
});

export const weeklyReportPdfEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/war-room/reports/{id}/pdf",
  tag,
  access: "org",
  permission: "read",
  summary: "One weekly report as a PDF (application/pdf, attachment `report-<org>-<week>.pdf`), labels in the reader's language",
  query: z.object({ lang: z.enum(["fr", "en"]).optional() }),
  produces: "raw",
});

export const generateWeeklyReportEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/war-room/reports",
  tag,
  access: "org",
  permission: "generateReports",
  summary: "Generate now: the report of the last complete week (or `weekStart`, a Monday) written again by MKT-403 (owners, signed in)",
  description:
    "Sends `analytics/weekly-report.requested` (durable, not inline): the figures and text are written again; a report not sent yet goes to owners and admins, one already sent is not sent twice. 422 when `weekStart` is not a Monday of a finished week.",
  body: generateWeeklyReportSchema,
  response: z.object({ weekStart: z.string(), isoWeek: z.string(), eventId: z.string() }),
  status: 202,
});
