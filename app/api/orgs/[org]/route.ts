import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { getOrganization } from "@/lib/orgs/get-organization";

export const GET = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  return json({ organization: { ...(await getOrganization({ organizationId: ctx.organizationId })), role: ctx.role } });
});
