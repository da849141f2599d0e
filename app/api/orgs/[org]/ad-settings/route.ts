import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getAdSettingsEndpoint, updateAdSettingsEndpoint } from "@/lib/ads/contracts";
import { readAdSettings, updateAdSettings } from "@/lib/ads/ad-settings";

export const GET = handle(getAdSettingsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { settings: await readAdSettings({ organizationId: ctx.organizationId }) };
});

export const PATCH = handle(updateAdSettingsEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageBilling");
  const input = await body();
  // manageBilling is HUMAN_ONLY: requireOrg refuses API keys, so the actor is a person.
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : "";
  return { settings: await updateAdSettings({ organizationId: ctx.organizationId, userId, input }) };
});
