import { collectContentMetricsNow, collectContentMetricsNowSchema } from "@/lib/analytics/metrics/collect-content-metrics-now";
import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";

type Ctx = { params: Promise<{ org: string; id: string }> };

/** "Collect metrics now" for a content piece's posted publications (and its variants'): body `{}`; editors. */
export const POST = route<Ctx>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "editContent");
  await parseJson(req, collectContentMetricsNowSchema);
  return json({ collected: await collectContentMetricsNow({ organizationId: ctx.organizationId, contentPieceId: id }) });
});
