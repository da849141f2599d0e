import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { removeMemberEndpoint, updateMemberEndpoint } from "@/lib/orgs/contracts";
import { removeMember, updateMemberRole } from "@/lib/orgs/members";

export const PATCH = handle(updateMemberEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageMembers");
  const input = await body();
  return { member: await updateMemberRole({ organizationId: ctx.organizationId, membershipId: params.id, role: input.role, actorRole: ctx.role }) };
});

export const DELETE = handle(removeMemberEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageMembers");
  await removeMember({ organizationId: ctx.organizationId, membershipId: params.id, actorRole: ctx.role });
});
