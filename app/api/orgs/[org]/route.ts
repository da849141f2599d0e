import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getOrganizationEndpoint, updateOrganizationEndpoint } from "@/lib/orgs/contracts";
import { getOrganization } from "@/lib/orgs/get-organization";
import { updateOrganization } from "@/lib/orgs/update-organization";

export const GET = handle(getOrganizationEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { organization: { ...(await getOrganization({ organizationId: ctx.organizationId })), role: ctx.role } };
});

export const PATCH = handle(updateOrganizationEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageMembers");
  const input = await body();
  return { organization: await updateOrganization({ organizationId: ctx.organizationId, input }) };
});
