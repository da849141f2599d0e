import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { exportScenarioJsonEndpoint } from "@/lib/scenarios/contracts";
import { exportScenarioJson, fileNameOf } from "@/lib/scenarios/export-scenario";

/** GET: the scenario as a JSON file. */
export const GET = handle(exportScenarioJsonEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  const doc = await exportScenarioJson({ organizationId: ctx.organizationId, scenarioId: params.id });
  return new Response(JSON.stringify(doc, null, 2), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${fileNameOf(doc.scenario.name, "json")}"`, "cache-control": "no-store" },
  });
});
