import { handle } from "@/lib/api/handle";
import { decideApprovalEndpoint } from "@/lib/approvals/contracts";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { requireOrg } from "@/lib/auth/guard";

/** POST {decision: APPROVE|REQUEST_CHANGES|REJECT, note?}: 409 when the request was already decided. */
export const POST = handle(decideApprovalEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "approve");
  const input = await body();
  const decidedById = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const channel = ctx.actor.kind === "user" ? "IN_APP" : "API";
  return { decision: await decideApproval({ organizationId: ctx.organizationId, approvalRequestId: params.id, decision: input.decision, note: input.note, revisionIds: input.revisionIds, decidedById, channel }) };
});
