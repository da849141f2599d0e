import { handle } from "@/lib/api/handle";
import { rollbackAgentConfig } from "@/lib/agents/agent-config";
import { rollbackAgentConfigEndpoint } from "@/lib/agents/contracts";
import { requireOrg } from "@/lib/auth/guard";

export const POST = handle(rollbackAgentConfigEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  const input = await body();
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  return rollbackAgentConfig({ organizationId: ctx.organizationId, agentId: params.id, version: input.version, userId });
});
