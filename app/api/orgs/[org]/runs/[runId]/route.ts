import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { getRun } from "@/lib/runtime/queries";

/** One run: its event, steps (input, output, duration, errors, retries), output or error. */
export const GET = route<{ params: Promise<{ org: string; runId: string }> }>(async (req, { params }) => {
  const { org, runId } = await params;
  const ctx = await requireOrg(req, org);
  return json({ run: await getRun({ organizationId: ctx.organizationId, runId }) });
});
