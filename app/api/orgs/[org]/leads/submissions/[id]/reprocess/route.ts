import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { reprocessLeadSubmission } from "@/lib/leads/capture/submissions";
import { reprocessLeadSubmissionEndpoint } from "@/lib/leads/contracts";

export const POST = handle(reprocessLeadSubmissionEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return { submission: await reprocessLeadSubmission({ organizationId: ctx.organizationId, submissionId: params.id }) };
});
