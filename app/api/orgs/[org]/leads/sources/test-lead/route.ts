import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { sendTestLead } from "@/lib/leads/capture/send-test-lead";
import { sendTestLeadEndpoint } from "@/lib/leads/contracts";

/** Settings -> Lead sources: a test lead through a source's real receiver, returned once processed. */
export const POST = handle(sendTestLeadEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  const input = await body();
  return sendTestLead({ organizationId: ctx.organizationId, source: input.source });
});
