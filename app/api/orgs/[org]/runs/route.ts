import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listRuns } from "@/lib/workflows/queries";
import { listRunsEndpoint } from "@/lib/workflows/contracts";

/** The organisation's workflow runs, newest first: ?function=&status=&from=&to=&cursor= */
export const GET = handle(listRunsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return listRuns({ organizationId: ctx.organizationId, filters: query() });
});
