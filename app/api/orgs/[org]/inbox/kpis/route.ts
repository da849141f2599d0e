import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getInboxKpisEndpoint } from "@/lib/inbox/kpis/contracts";
import { getInboxKpis } from "@/lib/inbox/kpis/get-inbox-kpis";

export const GET = handle(getInboxKpisEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { kpis: await getInboxKpis({ organizationId: ctx.organizationId }) };
});
