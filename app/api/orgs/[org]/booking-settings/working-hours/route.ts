import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { saveWorkingHoursEndpoint } from "@/lib/leads/booking/contracts";
import { getBookingSettings, saveWorkingHours } from "@/lib/leads/booking/settings";

/** Each member sets their own working hours. */
export const PUT = handle(saveWorkingHoursEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org);
  const input = await body();
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : "";
  await saveWorkingHours({ organizationId: ctx.organizationId, userId, input });
  return { settings: await getBookingSettings({ organizationId: ctx.organizationId, userId, canManage: hasRole(ctx.role, POLICY.manageConnections) }) };
});
