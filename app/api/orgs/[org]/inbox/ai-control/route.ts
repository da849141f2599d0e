import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getAiControl, setAiControl } from "@/lib/inbox/ai-control";
import { getAiControlEndpoint, setAiControlEndpoint } from "@/lib/inbox/contracts";

export const GET = handle(getAiControlEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { aiControl: await getAiControl({ organizationId: ctx.organizationId }) };
});

/** Owners and admins, signed in (manageAutomations is person-only). */
export const PUT = handle(setAiControlEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  const input = await body();
  return { aiControl: await setAiControl({ organizationId: ctx.organizationId, enabled: input.enabled, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null }) };
});
