import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getScenarioEndpoint } from "@/lib/scenarios/contracts";
import { getScenario } from "@/lib/scenarios/get-scenario";

/** GET: the scenario enriched (objectives, targets, resources, current plan, inspirations, recent messages). */
export const GET = handle(getScenarioEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { scenario: await getScenario({ organizationId: ctx.organizationId, scenarioId: params.id }) };
});
