import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { setAttributionModel } from "@/lib/leads/conversions/attribution-settings";
import { updateAttributionSettingsEndpoint } from "@/lib/leads/conversions/contracts";

/** The organisation's attribution model for conversions recorded from now on. */
export const PUT = handle(updateAttributionSettingsEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  return setAttributionModel({ organizationId: ctx.organizationId, model: (await body()).model });
});
