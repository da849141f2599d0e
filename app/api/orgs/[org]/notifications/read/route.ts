import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { json, parseJson, route } from "@/lib/http";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";
import { markReadSchema } from "@/lib/notifications/schemas";

export const POST = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "Notifications belong to people, not API keys");
  const input = await parseJson(req, markReadSchema);
  return json(await markNotificationsRead({ organizationId: ctx.organizationId, userId: ctx.actor.userId, ids: input.ids }));
});
