import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { markLeadWonEndpoint } from "@/lib/leads/conversions/contracts";
import { markLeadWon } from "@/lib/leads/conversions/mark-lead-won";

/** "Mark won": a person records the lead's conversion with its value. */
export const POST = handle(markLeadWonEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  return { conversion: await markLeadWon({ organizationId: ctx.organizationId, leadId: params.id, value: input.value, currency: input.currency, conversionType: input.conversionType, userId }) };
});
