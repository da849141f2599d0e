import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { stopLeadSequencesEndpoint } from "@/lib/leads/contracts";
import { stopLeadSequences } from "@/lib/leads/nurture/stop-enrollments";

/** "Take over": a person handles the lead from now on; its sequences stop. */
export const POST = handle(stopLeadSequencesEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  return stopLeadSequences({ organizationId: ctx.organizationId, leadId: params.id, reason: "human_takeover", userId });
});
