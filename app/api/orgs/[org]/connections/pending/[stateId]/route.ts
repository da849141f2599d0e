import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { json, parseJson, route } from "@/lib/http";
import { confirmSelectionSchema } from "@/lib/oauth/connections";
import { confirmSelection, listCandidates } from "@/lib/oauth/flow";

type Ctx = { params: Promise<{ org: string; stateId: string }> };

/** The account picker after consent: which Page / Instagram account / ad account / number to connect. */
export const GET = route<Ctx>(async (req, { params }) => {
  const { org, stateId } = await params;
  const ctx = await requireOrg(req, org, "manageConnections");
  return json(await listCandidates({ organizationId: ctx.organizationId, stateId }));
});

export const POST = route<Ctx>(async (req, { params }) => {
  const { org, stateId } = await params;
  const ctx = await requireOrg(req, org, "manageConnections");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "Connecting accounts needs a signed-in user");
  const input = await parseJson(req, confirmSelectionSchema);
  return json(await confirmSelection({ organizationId: ctx.organizationId, userId: ctx.actor.userId, stateId, externalIds: input.externalIds }), 201);
});
