import { handle } from "@/lib/api/handle";
import { updateAgentConfig } from "@/lib/agents/agent-config";
import { updateAgentConfigEndpoint } from "@/lib/agents/contracts";
import { requireOrg } from "@/lib/auth/guard";

/** Save a configuration: checked against the template's JSON Schema, kept as a new version. */
export const PUT = handle(updateAgentConfigEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  const input = await body();
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  return updateAgentConfig({ organizationId: ctx.organizationId, agentId: params.id, config: input.config, userId });
});
