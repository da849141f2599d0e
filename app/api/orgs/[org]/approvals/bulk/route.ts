import { decideApprovalsBulk } from "@/lib/approvals/decide-approvals-bulk";
import { bulkDecisionSchema } from "@/lib/approvals/schemas";
import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";

/** POST {ids, decision, note?}: decides each pending request; already decided / unknown ids are listed, not fatal. */
export const POST = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "approve");
  const input = await parseJson(req, bulkDecisionSchema);
  const decidedById = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const channel = ctx.actor.kind === "user" ? "IN_APP" : "API";
  return json(await decideApprovalsBulk({ organizationId: ctx.organizationId, ids: input.ids, decision: input.decision, note: input.note, decidedById, channel }));
});
