import { handle } from "@/lib/api/handle";
import { installAgentTemplateEndpoint } from "@/lib/agents/contracts";
import { installAgentTemplate } from "@/lib/agents/install-template";
import { requireOrg } from "@/lib/auth/guard";

/** POST {}: install an agent from the catalogue (create it, or switch it back on); idempotent. */
export const POST = handle(installAgentTemplateEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  await body();
  return installAgentTemplate({ organizationId: ctx.organizationId, slug: params.slug, userId: ctx.actor.kind === "user" ? ctx.actor.userId : undefined });
});
