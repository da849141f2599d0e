import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getRun } from "@/lib/workflows/queries";
import { getRunEndpoint } from "@/lib/workflows/contracts";

/** One run: its event, steps (input, output, duration, errors, retries), output or error. */
export const GET = handle(getRunEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { run: await getRun({ organizationId: ctx.organizationId, runId: params.runId }) };
});
