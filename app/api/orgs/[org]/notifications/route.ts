import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { listNotificationsEndpoint } from "@/lib/notifications/contracts";
import { localeOfRequest } from "@/lib/i18n/config";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const GET = handle(listNotificationsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "auth.notificationsNeedUser");
  return listNotifications({ organizationId: ctx.organizationId, userId: ctx.actor.userId, locale: localeOfRequest(req) });
});
