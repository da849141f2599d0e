import { handle } from "@/lib/api/handle";
import { setAgentStatusEndpoint } from "@/lib/agents/contracts";
import { setAgentStatus } from "@/lib/agents/set-agent-status";
import { requireOrg } from "@/lib/auth/guard";

/** Switch an agent on or off: takes effect at the next run. */
export const PATCH = handle(setAgentStatusEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  const input = await body();
  const by = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  return { agent: await setAgentStatus({ organizationId: ctx.organizationId, agentId: params.id, status: input.status, by }) };
});
