import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { requestPing } from "@/lib/workflows/request-ping";
import { pingEndpoint } from "@/lib/workflows/contracts";

/** Start a ping run for this organisation (checks that the workflow engine runs functions). */
export const POST = handle(pingEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return requestPing({ organizationId: ctx.organizationId, message: input.message });
});
