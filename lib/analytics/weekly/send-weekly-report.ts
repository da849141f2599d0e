import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { notify } from "@/lib/providers/notify";
import { weeklyReportSectionsSchema } from "./schemas";

/**
 * MKT-403's delivery: the report to the organisation's owners and admins through the one notification
 * path (`notify`, key `weeklyReport`: in-app, an email each in their language, one Slack message in the
 * organisation's language when Slack is configured), once per report (dedupe key), then SENT with the
 * recipients' addresses. A report already SENT is not sent again.
 */
export async function sendWeeklyReport(opts: { organizationId: string; reportId: string }): Promise<{ sent: boolean; recipients: string[]; slack: string }> {
  const report = await db().weeklyReport.findFirst({
    where: { id: opts.reportId, organizationId: opts.organizationId },
    select: { id: true, status: true, summary: true, sections: true, recipients: true, organization: { select: { slug: true } } },
  });
  if (!report) throw notFound("report");
  if (report.status === "SENT") return { sent: false, recipients: report.recipients, slack: "skipped" };
  const sections = weeklyReportSectionsSchema.parse(report.sections);
  const f = sections.figures;
  const owners = await db().membership.findMany({
    where: { organizationId: opts.organizationId, role: { in: ["OWNER", "ADMIN"] } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true } } },
  });
  const result = await notify({
    organizationId: opts.organizationId,
    to: { roles: ["OWNER", "ADMIN"] },
    type: "report.weekly",
    severity: "INFO",
    message: {
      key: "weeklyReport",
      values: { week: f.isoWeek, from: f.from, to: f.to, summary: report.summary ?? "", recommendations: sections.recommendations.length },
    },
    actionUrl: `/${report.organization.slug}/war-room/reports/${report.id}`,
    dedupeKey: `weekly-report:${report.id}`,
    email: "audience",
  });
  const recipients = owners.map((o) => o.user.email);
  await db().weeklyReport.updateMany({
    where: { id: report.id, organizationId: opts.organizationId, status: { not: "SENT" } },
    data: { status: "SENT", sentAt: new Date(), recipients },
  });
  return { sent: true, recipients, slack: result.slack };
}
