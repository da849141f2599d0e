import { handle } from "@/lib/api/handle";
import { rotateExternalAgentsSecretEndpoint } from "@/lib/agents/contracts";
import { rotateExternalAgentsSecret } from "@/lib/agents/external-settings";
import { requireOrg } from "@/lib/auth/guard";

export const POST = handle(rotateExternalAgentsSecretEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  return rotateExternalAgentsSecret({ organizationId: ctx.organizationId, slug: ctx.slug });
});
