import { getContentMetrics } from "@/lib/analytics/metrics/get-content-metrics";
import { requireOrg } from "@/lib/auth/guard";
import { json, parseQuery, route } from "@/lib/http";
import { contentMetricsQuerySchema } from "@/lib/analytics/metrics/schemas";

type Ctx = { params: Promise<{ org: string; id: string }> };

/** Metrics time series of a content piece (and its variants), one series per publication; ?publicationId= narrows to one. */
export const GET = route<Ctx>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org);
  const query = parseQuery(req, contentMetricsQuerySchema);
  return json({ metrics: await getContentMetrics({ organizationId: ctx.organizationId, contentPieceId: id, publicationId: query.publicationId }) });
});
