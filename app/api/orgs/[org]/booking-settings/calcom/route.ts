import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { saveCalcomSettingsEndpoint } from "@/lib/leads/booking/contracts";
import { getBookingSettings, saveCalcomSettings } from "@/lib/leads/booking/settings";

/** Owners and admins connect Cal.com (a person signed in: manageConnections is human-only). */
export const PUT = handle(saveCalcomSettingsEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageConnections");
  const input = await body();
  await saveCalcomSettings({ organizationId: ctx.organizationId, input });
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : "";
  return { settings: await getBookingSettings({ organizationId: ctx.organizationId, userId, canManage: true }) };
});
