import { inngest } from "@/inngest/client";
import { weeklyReportRequested } from "@/inngest/events";
import { runNowTrigger } from "@/lib/agents/run-now";
import { claimWeeklyReports, lastWeekOf } from "@/lib/analytics/weekly/claim-weekly-reports";
import { MKT403_CRON } from "@/lib/analytics/weekly/schedule";
import { sendWeeklyReport } from "@/lib/analytics/weekly/send-weekly-report";
import { failWeeklyReport, writeWeeklyReport } from "@/lib/analytics/weekly/write-weekly-report";

/**
 * MKT-403 tick: every 15 minutes UTC, the organisations whose local time reached Monday 08:00 (each
 * claimed once per reported week, agent off = left out) get one `analytics/weekly-report.requested`.
 * "Run now" on the agent's page (`agents/run.requested`): that organisation's last complete week,
 * written again (like "Generate now").
 */
export const mkt403WeeklyReportTick = inngest.createFunction(
  {
    id: "mkt-403-weekly-report-tick",
    name: "MKT-403: weekly report on Monday 08:00 local",
    triggers: [{ cron: MKT403_CRON }, runNowTrigger("MKT-403")],
    retries: 3,
    concurrency: { limit: 1 },
  },
  async ({ event, step, runId }) => {
    if (event.name === "agents/run.requested") {
      const { organizationId, requestId } = event.data as { organizationId: string; requestId: string };
      const weekStart = await step.run("last-week", () => lastWeekOf({ organizationId }));
      await step.sendEvent(
        "run-now",
        weeklyReportRequested.create({ organizationId, weekStart, refresh: true }, { id: `weekly-report-${organizationId}-${weekStart}-run-${requestId}` }),
      );
      return { organizations: 1 };
    }
    const due = await step.run("claim-organizations", () => claimWeeklyReports({ runKey: `${runId}:claim-organizations` }));
    if (due.length > 0)
      await step.sendEvent(
        "fan-out",
        due.map((d) =>
          weeklyReportRequested.create(
            { organizationId: d.organizationId, weekStart: d.weekStart },
            { id: `weekly-report-${d.organizationId}-${d.weekStart}` },
          ),
        ),
      );
    return { organizations: due.length };
  },
);

/**
 * MKT-403 for one organisation and week: the report written (figures from MKT-402's rows, the model's
 * summary and recommendations or the rules' text), then sent once to owners and admins (email, in-app,
 * Slack when configured). A run that fails for good leaves a FAILED report when none was written.
 */
export const mkt403WeeklyReport = inngest.createFunction(
  {
    id: "mkt-403-weekly-report",
    name: "MKT-403: weekly AI report of an organisation",
    triggers: [weeklyReportRequested],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 1 },
    onFailure: async ({ event, step }) => {
      const data = event.data.event.data as { organizationId: string; weekStart: string };
      await step.run("mark-failed", () => failWeeklyReport({ organizationId: data.organizationId, weekStart: data.weekStart }));
    },
  },
  async ({ event, step, runId }) => {
    const { organizationId, weekStart, refresh } = event.data;
    const report = await step.run("write-report", () => writeWeeklyReport({ organizationId, weekStart, refresh, aiKey: `${runId}:write-report` }));
    const sent = await step.run("send-report", () => sendWeeklyReport({ organizationId, reportId: report.id }));
    return { reportId: report.id, created: report.created, sent: sent.sent, recipients: sent.recipients.length, slack: sent.slack };
  },
);
