import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listContentEndpoint } from "@/lib/content/contracts";
import { listContent } from "@/lib/content/list-content";

/** The content list: ?q= (title or text), ?page=&pageSize= (total and page count returned), ?status=. */
export const GET = handle(listContentEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return listContent({ organizationId: ctx.organizationId, ...query() });
});
