import { requireOrg } from "@/lib/auth/guard";
import { json, parseQuery, route } from "@/lib/http";
import { listRuns, runFiltersSchema } from "@/lib/runtime/queries";

/** The organisation's workflow runs, newest first: ?function=&status=&from=&to=&cursor= */
export const GET = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  const filters = parseQuery(req, runFiltersSchema);
  return json(await listRuns({ organizationId: ctx.organizationId, filters }));
});
