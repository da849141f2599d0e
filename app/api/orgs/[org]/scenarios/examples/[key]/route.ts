import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { copyScenarioExampleEndpoint } from "@/lib/scenarios/contracts";
import { copyScenarioExample } from "@/lib/scenarios/manage-scenarios";

/** POST {}: copy an example into the organisation (201 with the new scenario). */
export const POST = handle(copyScenarioExampleEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await body();
  return reply({ scenario: await copyScenarioExample({ organizationId: ctx.organizationId, createdById: ctx.actor.kind === "user" ? ctx.actor.userId : null, key: params.key }) }, { status: 201 });
});
