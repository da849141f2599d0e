import { handle } from "@/lib/api/handle";
import { getExternalAgentsSettingsEndpoint } from "@/lib/agents/contracts";
import { getExternalAgentsSettings } from "@/lib/agents/external-settings";
import { requireOrg } from "@/lib/auth/guard";

export const GET = handle(getExternalAgentsSettingsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  return getExternalAgentsSettings({ organizationId: ctx.organizationId, slug: ctx.slug });
});
