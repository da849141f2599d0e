import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listLeadSubmissions } from "@/lib/leads/capture/submissions";
import { listLeadSubmissionsEndpoint } from "@/lib/leads/contracts";

export const GET = handle(listLeadSubmissionsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  const q = query();
  return listLeadSubmissions({ organizationId: ctx.organizationId, status: q.status, take: q.take });
});
