import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { setAutomation } from "@/lib/warroom/automations";
import { setAutomationEndpoint } from "@/lib/warroom/contracts";

export const POST = handle(setAutomationEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  const { enabled, settings } = await body();
  const actorUserId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  return { automation: await setAutomation({ organizationId: ctx.organizationId, key: params.key, enabled, settings, actorUserId }) };
});
