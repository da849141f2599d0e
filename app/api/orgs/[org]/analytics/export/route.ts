import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { exportAnalyticsEndpoint } from "@/lib/analytics/daily/contracts";
import { exportAnalyticsCsv } from "@/lib/analytics/daily/export-analytics";
import { isLocale, localeOfRequest } from "@/lib/i18n/config";

/** CSV of the range's daily rows (the Analytics page's filters). */
export const GET = handle(exportAnalyticsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org, "read");
  const q = await query();
  const locale = isLocale(q.lang) ? q.lang : localeOfRequest(req);
  const csv = await exportAnalyticsCsv({ organizationId: ctx.organizationId, query: q, locale });
  return new Response(csv, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="analytics-${ctx.slug}-${q.from}-${q.to}.csv"`,
      "cache-control": "no-store",
    },
  });
});
