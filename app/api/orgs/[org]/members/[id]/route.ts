import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";
import { removeMember, updateMemberRole } from "@/lib/orgs/members";
import { updateMemberSchema } from "@/lib/orgs/schemas";

type Ctx = { params: Promise<{ org: string; id: string }> };

export const PATCH = route<Ctx>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "manageMembers");
  const input = await parseJson(req, updateMemberSchema);
  return json({ member: await updateMemberRole({ organizationId: ctx.organizationId, membershipId: id, role: input.role, actorRole: ctx.role }) });
});

export const DELETE = route<Ctx>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "manageMembers");
  await removeMember({ organizationId: ctx.organizationId, membershipId: id, actorRole: ctx.role });
  return new Response(null, { status: 204 });
});
