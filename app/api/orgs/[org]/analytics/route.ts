import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getAnalyticsReportEndpoint } from "@/lib/analytics/daily/contracts";
import { getAnalyticsReport } from "@/lib/analytics/daily/get-analytics-report";

/** MKT-402 analytics of a date range, filtered, with the previous period and the range's posts. */
export const GET = handle(getAnalyticsReportEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org, "read");
  return getAnalyticsReport({ organizationId: ctx.organizationId, query: await query() });
});
