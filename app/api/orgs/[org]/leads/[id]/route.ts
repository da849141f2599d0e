import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { moveLeadEndpoint } from "@/lib/leads/contracts";
import { moveLeadStage } from "@/lib/leads/move-lead-stage";

/** The pipeline board: a lead moved to another stage. */
export const PATCH = handle(moveLeadEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return { lead: await moveLeadStage({ organizationId: ctx.organizationId, leadId: params.id, status: (await body()).status }) };
});
