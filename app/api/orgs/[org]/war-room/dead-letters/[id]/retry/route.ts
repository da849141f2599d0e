import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { retryDeadLetter } from "@/lib/agents/dead-letters";
import { retryDeadLetterEndpoint } from "@/lib/warroom/contracts";

export const POST = handle(retryDeadLetterEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  return retryDeadLetter({ organizationId: ctx.organizationId, messageId: params.id });
});
