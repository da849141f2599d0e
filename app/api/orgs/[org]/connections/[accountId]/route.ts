import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { disconnectAccountEndpoint } from "@/lib/oauth/contracts";
import { disconnectAccount } from "@/lib/oauth/flow";

export const DELETE = handle(disconnectAccountEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageConnections");
  await disconnectAccount({ organizationId: ctx.organizationId, accountId: params.accountId });
  return { ok: true as const };
});
