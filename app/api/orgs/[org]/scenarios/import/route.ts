import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { importScenarioEndpoint } from "@/lib/scenarios/contracts";
import { importScenario } from "@/lib/scenarios/manage-scenarios";

/** POST an exported scenario (JSON): a new scenario with the same content (201). */
export const POST = handle(importScenarioEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return reply({ scenario: await importScenario({ organizationId: ctx.organizationId, createdById: ctx.actor.kind === "user" ? ctx.actor.userId : null, input }) }, { status: 201 });
});
