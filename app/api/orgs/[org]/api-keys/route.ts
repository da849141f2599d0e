import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";
import { createApiKey, listApiKeys } from "@/lib/orgs/api-keys";
import { createApiKeySchema } from "@/lib/orgs/schemas";

type Ctx = { params: Promise<{ org: string }> };

export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "manageApiKeys");
  return json({ apiKeys: await listApiKeys({ organizationId: ctx.organizationId }) });
});

export const POST = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "manageApiKeys");
  const input = await parseJson(req, createApiKeySchema);
  const createdById = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  return json(await createApiKey({ organizationId: ctx.organizationId, name: input.name, createdById }), 201);
});
