import { collectContentMetricsNow } from "@/lib/analytics/metrics/collect-content-metrics-now";
import { collectContentMetricsEndpoint } from "@/lib/analytics/metrics/contracts";
import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";

/** "Collect metrics now" for a content piece's posted publications (and its variants'): body `{}`; editors. */
export const POST = handle(collectContentMetricsEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await body();
  return { collected: await collectContentMetricsNow({ organizationId: ctx.organizationId, contentPieceId: params.id }) };
});
