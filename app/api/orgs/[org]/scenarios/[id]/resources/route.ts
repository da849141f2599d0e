import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { addResourceEndpoint } from "@/lib/scenarios/contracts";
import { getScenario } from "@/lib/scenarios/get-scenario";
import { addResource } from "@/lib/scenarios/manage-scenarios";

/** POST: add to the scenario (201 with the updated scenario; 404 for another organisation's scenario). */
export const POST = handle(addResourceEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await addResource({ organizationId: ctx.organizationId, scenarioId: params.id, input: await body() });
  return reply({ scenario: await getScenario({ organizationId: ctx.organizationId, scenarioId: params.id }) }, { status: 201 });
});
