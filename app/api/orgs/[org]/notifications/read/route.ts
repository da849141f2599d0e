import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { markNotificationsReadEndpoint } from "@/lib/notifications/contracts";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";

export const POST = handle(markNotificationsReadEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org);
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "auth.notificationsNeedUser");
  const input = await body();
  return markNotificationsRead({ organizationId: ctx.organizationId, userId: ctx.actor.userId, ids: input.ids });
});
