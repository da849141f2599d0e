import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { cancelWorkflowRun } from "@/lib/runtime/cancel-run";

/** Cancel an active run (editors and up). 409 when it has already ended. */
export const POST = route<{ params: Promise<{ org: string; runId: string }> }>(async (req, { params }) => {
  const { org, runId } = await params;
  const ctx = await requireOrg(req, org, "editContent");
  const by = ctx.actor.kind === "user" ? ctx.actor.email : `API key ${ctx.actor.apiKeyId}`;
  await cancelWorkflowRun({ organizationId: ctx.organizationId, runId, by });
  return json({ ok: true });
});
