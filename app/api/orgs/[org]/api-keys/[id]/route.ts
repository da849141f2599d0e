import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { revokeApiKey } from "@/lib/orgs/api-keys";

export const DELETE = route<{ params: Promise<{ org: string; id: string }> }>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "manageApiKeys");
  return json({ apiKey: await revokeApiKey({ organizationId: ctx.organizationId, id }) });
});
