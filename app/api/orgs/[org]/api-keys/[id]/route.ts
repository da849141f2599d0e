import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { revokeApiKey } from "@/lib/orgs/api-keys";
import { revokeApiKeyEndpoint } from "@/lib/orgs/contracts";

export const DELETE = handle(revokeApiKeyEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  return { apiKey: await revokeApiKey({ organizationId: ctx.organizationId, id: params.id }) };
});
