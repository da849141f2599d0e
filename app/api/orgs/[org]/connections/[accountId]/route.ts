import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { disconnectAccount } from "@/lib/oauth/flow";

type Ctx = { params: Promise<{ org: string; accountId: string }> };

export const DELETE = route<Ctx>(async (req, { params }) => {
  const { org, accountId } = await params;
  const ctx = await requireOrg(req, org, "manageConnections");
  await disconnectAccount({ organizationId: ctx.organizationId, accountId });
  return json({ ok: true });
});
