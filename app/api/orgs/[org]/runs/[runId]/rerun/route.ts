import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { rerunWorkflowRun } from "@/lib/runtime/rerun-run";

/** Re-run an ended run with the same event (editors and up); answers the new run's id. */
export const POST = route<{ params: Promise<{ org: string; runId: string }> }>(async (req, { params }) => {
  const { org, runId } = await params;
  const ctx = await requireOrg(req, org, "editContent");
  return json(await rerunWorkflowRun({ organizationId: ctx.organizationId, runId }), 201);
});
