import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { cancelWorkflowRun } from "@/lib/workflows/cancel-run";
import { cancelRunEndpoint } from "@/lib/workflows/contracts";

/** Cancel an active run (editors and up). 409 when it has already ended. */
export const POST = handle(cancelRunEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const by = ctx.actor.kind === "user" ? ctx.actor.email : `API key ${ctx.actor.apiKeyId}`;
  await cancelWorkflowRun({ organizationId: ctx.organizationId, runId: params.runId, by });
  return { ok: true as const };
});
