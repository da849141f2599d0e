import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { createScenarioEndpoint, listScenariosEndpoint } from "@/lib/scenarios/contracts";
import { getScenario } from "@/lib/scenarios/get-scenario";
import { createScenario, listScenarioPage } from "@/lib/scenarios/manage-scenarios";

/** GET: the scenarios, most recently updated first (page, pageSize, theme, q). */
export const GET = handle(listScenariosEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return listScenarioPage({ organizationId: ctx.organizationId, query: query() });
});

/** POST { name, theme, description? }: a new DRAFT scenario (201). */
export const POST = handle(createScenarioEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const { id } = await createScenario({ organizationId: ctx.organizationId, createdById: ctx.actor.kind === "user" ? ctx.actor.userId : null, input: await body() });
  return reply({ scenario: await getScenario({ organizationId: ctx.organizationId, scenarioId: id }) }, { status: 201 });
});
