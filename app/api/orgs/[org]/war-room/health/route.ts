import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getAgentHealth } from "@/lib/warroom/health/agent-health";
import { getAgentHealthEndpoint } from "@/lib/warroom/health/contracts";

export const GET = handle(getAgentHealthEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return getAgentHealth({ organizationId: ctx.organizationId });
});
