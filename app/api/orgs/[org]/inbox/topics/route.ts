import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getInboxTopicsEndpoint } from "@/lib/inbox/topics/contracts";
import { getInboxTopics } from "@/lib/inbox/topics/get-topics";

export const GET = handle(getInboxTopicsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return getInboxTopics({ organizationId: ctx.organizationId, period: query().period });
});
