import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { getBookingSettingsEndpoint } from "@/lib/leads/booking/contracts";
import { getBookingSettings } from "@/lib/leads/booking/settings";

/** My working hours and the organisation's Cal.com link (URL and secret for those who manage connections). */
export const GET = handle(getBookingSettingsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : "";
  return { settings: await getBookingSettings({ organizationId: ctx.organizationId, userId, canManage: hasRole(ctx.role, POLICY.manageConnections) }) };
});
