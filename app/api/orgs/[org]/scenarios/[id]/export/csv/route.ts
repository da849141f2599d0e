import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { exportScenarioCsvEndpoint } from "@/lib/scenarios/contracts";
import { exportScenarioCsv } from "@/lib/scenarios/export-scenario";

/** GET: the current plan as CSV (UTF-8 with BOM, one line per plan item; 409 without a plan). */
export const GET = handle(exportScenarioCsvEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  const { csv, fileName } = await exportScenarioCsv({ organizationId: ctx.organizationId, scenarioId: params.id });
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" } });
});
