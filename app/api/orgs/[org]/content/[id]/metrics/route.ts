import { getContentMetricsEndpoint } from "@/lib/analytics/metrics/contracts";
import { getContentMetrics } from "@/lib/analytics/metrics/get-content-metrics";
import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";

/** Metrics time series of a content piece (and its variants), one series per publication; ?publicationId= narrows to one. */
export const GET = handle(getContentMetricsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  const q = query();
  return { metrics: await getContentMetrics({ organizationId: ctx.organizationId, contentPieceId: params.id, publicationId: q.publicationId }) };
});
