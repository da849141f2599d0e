import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listConversationsEndpoint } from "@/lib/inbox/contracts";
import { listConversations } from "@/lib/inbox/list-conversations";

export const GET = handle(listConversationsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  const q = await query();
  return listConversations({ organizationId: ctx.organizationId, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null, ...q });
});
