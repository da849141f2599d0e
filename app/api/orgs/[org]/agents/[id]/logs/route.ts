import { handle } from "@/lib/api/handle";
import { listAgentLogsEndpoint } from "@/lib/agents/contracts";
import { listAgentLogs } from "@/lib/agents/list-executions";
import { requireOrg } from "@/lib/auth/guard";

export const GET = handle(listAgentLogsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return listAgentLogs({ organizationId: ctx.organizationId, agentId: params.id, filters: await query() });
});
