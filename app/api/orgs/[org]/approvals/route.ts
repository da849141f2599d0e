import { listApprovals } from "@/lib/approvals/list-approvals";
import { listApprovalsQuerySchema } from "@/lib/approvals/schemas";
import { requireOrg } from "@/lib/auth/guard";
import { json, parseQuery, route } from "@/lib/http";

/** GET the approval queue (?status=PENDING|APPROVED|...|ALL, ?entityType=CONTENT_PIECE|AD_CAMPAIGN). */
export const GET = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  const query = parseQuery(req, listApprovalsQuerySchema);
  return json({ approvals: await listApprovals({ organizationId: ctx.organizationId, status: query.status, entityType: query.entityType }) });
});
