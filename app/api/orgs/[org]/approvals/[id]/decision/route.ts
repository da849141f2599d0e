import { decideApproval } from "@/lib/approvals/decide-approval";
import { decisionSchema } from "@/lib/approvals/schemas";
import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";

/** POST {decision: APPROVE|REQUEST_CHANGES|REJECT, note?}: 409 when the request was already decided. */
export const POST = route<{ params: Promise<{ org: string; id: string }> }>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "approve");
  const input = await parseJson(req, decisionSchema);
  const decidedById = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const channel = ctx.actor.kind === "user" ? "IN_APP" : "API";
  return json({ decision: await decideApproval({ organizationId: ctx.organizationId, approvalRequestId: id, decision: input.decision, note: input.note, decidedById, channel }) });
});
