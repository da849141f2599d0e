import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { deleteTriageRuleEndpoint, updateTriageRuleEndpoint } from "@/lib/inbox/contracts";
import { deleteTriageRule, updateTriageRule } from "@/lib/inbox/triage-rules";

export const PATCH = handle(updateTriageRuleEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  const input = await body();
  return { rule: await updateTriageRule({ organizationId: ctx.organizationId, id: params.id, input }) };
});

export const DELETE = handle(deleteTriageRuleEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageAutomations");
  await deleteTriageRule({ organizationId: ctx.organizationId, id: params.id });
});
