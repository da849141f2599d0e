import { handle } from "@/lib/api/handle";
import { listAgentExecutionsEndpoint } from "@/lib/agents/contracts";
import { listAgentExecutions } from "@/lib/agents/list-executions";
import { requireOrg } from "@/lib/auth/guard";

export const GET = handle(listAgentExecutionsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return listAgentExecutions({ organizationId: ctx.organizationId, agentId: params.id, filters: await query() });
});
