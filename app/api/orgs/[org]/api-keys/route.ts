import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { createApiKey, listApiKeys } from "@/lib/orgs/api-keys";
import { createApiKeyEndpoint, listApiKeysEndpoint } from "@/lib/orgs/contracts";

export const GET = handle(listApiKeysEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  return { apiKeys: await listApiKeys({ organizationId: ctx.organizationId }) };
});

export const POST = handle(createApiKeyEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  const input = await body();
  const createdById = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  return createApiKey({ organizationId: ctx.organizationId, name: input.name, scopes: input.scopes, createdById });
});
