import { requireUser } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";
import { createOrganization, listOrganizationsForUser } from "@/lib/orgs/create-organization";
import { createOrganizationSchema } from "@/lib/orgs/schemas";

export const GET = route(async () => {
  const user = await requireUser();
  return json({ organizations: await listOrganizationsForUser({ userId: user.id }) });
});

export const POST = route(async (req) => {
  const user = await requireUser();
  const input = await parseJson(req, createOrganizationSchema);
  return json({ organization: await createOrganization({ userId: user.id, input }) }, 201);
});
