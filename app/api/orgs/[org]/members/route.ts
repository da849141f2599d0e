import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { json, parseJson, route } from "@/lib/http";
import { inviteMember, listMembers } from "@/lib/orgs/members";
import { inviteMemberSchema } from "@/lib/orgs/schemas";

type Ctx = { params: Promise<{ org: string }> };

export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  return json(await listMembers({ organizationId: ctx.organizationId }));
});

export const POST = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "manageMembers");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "Invitations are sent by a person, not an API key");
  const input = await parseJson(req, inviteMemberSchema);
  const invitation = await inviteMember({ organizationId: ctx.organizationId, ...input, invitedById: ctx.actor.userId, baseUrl: new URL(req.url).origin });
  return json({ invitation }, 201);
});
