import { handle } from "@/lib/api/handle";
import { requireUser } from "@/lib/auth/guard";
import { createOrganizationEndpoint, listOrganizationsEndpoint } from "@/lib/orgs/contracts";
import { createOrganization, listOrganizationsForUser } from "@/lib/orgs/create-organization";

export const GET = handle(listOrganizationsEndpoint, async () => {
  const user = await requireUser();
  return { organizations: await listOrganizationsForUser({ userId: user.id }) };
});

export const POST = handle(createOrganizationEndpoint, async ({ body }) => {
  const user = await requireUser();
  const input = await body();
  return { organization: await createOrganization({ userId: user.id, input }) };
});
