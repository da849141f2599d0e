import { handle } from "@/lib/api/handle";
import { runAgentNowEndpoint } from "@/lib/agents/contracts";
import { requestAgentRun } from "@/lib/agents/request-run";
import { requireOrg } from "@/lib/auth/guard";

/** POST {}: "Run now" on a scheduled agent (202; 422 without a schedule, 409 when it is not active). */
export const POST = handle(runAgentNowEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  await body();
  return requestAgentRun({ organizationId: ctx.organizationId, agentId: params.id, requestedById: ctx.actor.kind === "user" ? ctx.actor.userId : undefined });
});
