import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { createTriageRuleEndpoint, listTriageRulesEndpoint } from "@/lib/inbox/contracts";
import { createTriageRule, listTriageRules } from "@/lib/inbox/triage-rules";

export const GET = handle(listTriageRulesEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { rules: await listTriageRules({ organizationId: ctx.organizationId }) };
});

export const POST = handle(createTriageRuleEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  const input = await body();
  return { rule: await createTriageRule({ organizationId: ctx.organizationId, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null, input }) };
});
