import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { sendPlanRowToFlywheelEndpoint } from "@/lib/scenarios/contracts";
import { sendPlanRowToFlywheel } from "@/lib/scenarios/plan-row-to-idea";

/** POST {}: the plan item becomes a Content Flywheel idea (MKT-101 intake); the same item again gives the same idea. */
export const POST = handle(sendPlanRowToFlywheelEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await body();
  const res = await sendPlanRowToFlywheel({ organizationId: ctx.organizationId, scenarioId: params.id, rowId: params.rowId, createdById: ctx.actor.kind === "user" ? ctx.actor.userId : undefined });
  return reply(res, { status: 201 });
});
