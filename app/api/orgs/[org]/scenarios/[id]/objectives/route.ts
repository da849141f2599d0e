import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { addObjectiveEndpoint } from "@/lib/scenarios/contracts";
import { getScenario } from "@/lib/scenarios/get-scenario";
import { addObjective } from "@/lib/scenarios/manage-scenarios";

/** POST: add to the scenario (201 with the updated scenario; 404 for another organisation's scenario). */
export const POST = handle(addObjectiveEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await addObjective({ organizationId: ctx.organizationId, scenarioId: params.id, input: await body() });
  return reply({ scenario: await getScenario({ organizationId: ctx.organizationId, scenarioId: params.id }) }, { status: 201 });
});
