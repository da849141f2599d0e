import { handle } from "@/lib/api/handle";
import { decideApprovalsBulkEndpoint } from "@/lib/approvals/contracts";
import { decideApprovalsBulk } from "@/lib/approvals/decide-approvals-bulk";
import { requireOrg } from "@/lib/auth/guard";

/** POST {ids, decision, note?}: decides each pending request; already decided / unknown ids are listed, not fatal. */
export const POST = handle(decideApprovalsBulkEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "approve");
  const input = await body();
  const decidedById = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const channel = ctx.actor.kind === "user" ? "IN_APP" : "API";
  return decideApprovalsBulk({ organizationId: ctx.organizationId, ids: input.ids, decision: input.decision, note: input.note, decidedById, channel });
});
