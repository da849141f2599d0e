import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { inviteMemberEndpoint, listMembersEndpoint } from "@/lib/orgs/contracts";
import { inviteMember, listMembers } from "@/lib/orgs/members";

export const GET = handle(listMembersEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return listMembers({ organizationId: ctx.organizationId });
});

export const POST = handle(inviteMemberEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageMembers");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "auth.invitationsNeedUser");
  const input = await body();
  return { invitation: await inviteMember({ organizationId: ctx.organizationId, ...input, invitedById: ctx.actor.userId, baseUrl: new URL(req.url).origin }) };
});
