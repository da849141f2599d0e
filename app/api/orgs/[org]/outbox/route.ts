import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listOutbox } from "@/lib/providers/email";
import { listOutboxEndpoint } from "@/lib/providers/email/contracts";

export const GET = handle(listOutboxEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageMembers");
  return { emails: await listOutbox({ organizationId: ctx.organizationId }) };
});
