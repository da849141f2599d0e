import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { generateWeeklyReportEndpoint, listWeeklyReportsEndpoint } from "@/lib/analytics/weekly/contracts";
import { listWeeklyReports } from "@/lib/analytics/weekly/get-weekly-reports";
import { requestWeeklyReport } from "@/lib/analytics/weekly/request-weekly-report";

export const GET = handle(listWeeklyReportsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "read");
  return { reports: await listWeeklyReports({ organizationId: ctx.organizationId }) };
});

/** "Generate now" (owners, signed in): MKT-403 through its event, durable; 202. */
export const POST = handle(generateWeeklyReportEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "generateReports");
  const input = await body();
  return requestWeeklyReport({
    organizationId: ctx.organizationId,
    userId: ctx.actor.kind === "user" ? ctx.actor.userId : undefined,
    weekStart: input.weekStart,
  });
});
