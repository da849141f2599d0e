import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listCommentsEndpoint } from "@/lib/inbox/comments/contracts";
import { listComments } from "@/lib/inbox/comments/list-comments";

export const GET = handle(listCommentsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return listComments({ organizationId: ctx.organizationId, ...query() });
});
