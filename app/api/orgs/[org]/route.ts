import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";
import { getOrganization } from "@/lib/orgs/get-organization";
import { updateOrganizationSchema } from "@/lib/orgs/schemas";
import { updateOrganization } from "@/lib/orgs/update-organization";

type Ctx = { params: Promise<{ org: string }> };

export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  return json({ organization: { ...(await getOrganization({ organizationId: ctx.organizationId })), role: ctx.role } });
});

export const PATCH = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "manageMembers");
  const input = await parseJson(req, updateOrganizationSchema);
  return json({ organization: await updateOrganization({ organizationId: ctx.organizationId, input }) });
});
