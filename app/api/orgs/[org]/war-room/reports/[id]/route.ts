import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getWeeklyReportEndpoint } from "@/lib/analytics/weekly/contracts";
import { getWeeklyReport } from "@/lib/analytics/weekly/get-weekly-reports";

export const GET = handle(getWeeklyReportEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "read");
  return { report: await getWeeklyReport({ organizationId: ctx.organizationId, reportId: params.id }) };
});
