import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { rerunWorkflowRun } from "@/lib/workflows/rerun-run";
import { rerunRunEndpoint } from "@/lib/workflows/contracts";

/** Re-run an ended run with the same event (editors and up); answers the new run's id. */
export const POST = handle(rerunRunEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return rerunWorkflowRun({ organizationId: ctx.organizationId, runId: params.runId });
});
