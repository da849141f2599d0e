import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { simulateLeadReplyEndpoint } from "@/lib/leads/contracts";
import { simulateLeadReply } from "@/lib/leads/replies/simulate-reply";

/** "Simulate a reply" (no email vendor): the lead answers through the offline inbox and the signed webhook. */
export const POST = handle(simulateLeadReplyEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return simulateLeadReply({ organizationId: ctx.organizationId, leadId: params.id, text: input.text });
});
