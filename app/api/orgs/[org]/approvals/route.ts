import { handle } from "@/lib/api/handle";
import { listApprovalsEndpoint } from "@/lib/approvals/contracts";
import { listApprovalsPage } from "@/lib/approvals/list-approvals";
import { requireOrg } from "@/lib/auth/guard";

/** GET one page of the approval queue (?status, filters, ?q, ?after|before|last|focus, ?limit): see listApprovalsEndpoint. */
export const GET = handle(listApprovalsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  const { limit, ...q } = query();
  return listApprovalsPage({ organizationId: ctx.organizationId, ...q, take: limit });
});
