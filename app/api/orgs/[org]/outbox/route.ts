import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { listOutbox } from "@/lib/providers/email";

export const GET = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "manageMembers");
  return json({ emails: await listOutbox({ organizationId: ctx.organizationId }) });
});
