import { handle } from "@/lib/api/handle";
import { requestProposalEndpoint } from "@/lib/ads/contracts";
import { requestProposal } from "@/lib/ads/request-proposal";
import { requireOrg } from "@/lib/auth/guard";

/** POST {contentPieceId}: "Amplifier" on published content (409 when it is not published). */
export const POST = handle(requestProposalEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return requestProposal({ organizationId: ctx.organizationId, contentPieceId: input.contentPieceId, requestedById: ctx.actor.kind === "user" ? ctx.actor.userId : null });
});
