import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { confirmSelectionEndpoint, listCandidatesEndpoint } from "@/lib/oauth/contracts";
import { confirmSelection, listCandidates } from "@/lib/oauth/flow";

/** The account picker after consent: which Page / Instagram account / ad account / number to connect. */
export const GET = handle(listCandidatesEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageConnections");
  return listCandidates({ organizationId: ctx.organizationId, stateId: params.stateId });
});

export const POST = handle(confirmSelectionEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageConnections");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "auth.connectionsNeedUser");
  const input = await body();
  return confirmSelection({ organizationId: ctx.organizationId, userId: ctx.actor.userId, stateId: params.stateId, externalIds: input.externalIds });
});
