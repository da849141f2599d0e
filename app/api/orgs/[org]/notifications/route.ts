import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { json, route } from "@/lib/http";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const GET = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "Notifications belong to people, not API keys");
  return json(await listNotifications({ organizationId: ctx.organizationId, userId: ctx.actor.userId }));
});
