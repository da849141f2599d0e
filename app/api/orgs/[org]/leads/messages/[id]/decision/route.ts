import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { decideNurtureMessageEndpoint } from "@/lib/leads/contracts";
import { decideNurtureMessage } from "@/lib/leads/nurture/decide-message";

/** The human yes on one AI-written nurture message (a person signed in: the guard refuses every API key for "approve"). */
export const POST = handle(decideNurtureMessageEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "approve");
  const input = await body();
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : "";
  return decideNurtureMessage({ organizationId: ctx.organizationId, interactionId: params.id, userId, decision: input.decision, hash: input.hash });
});
