import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { localeOfRequest } from "@/lib/i18n/config";
import { enforceAssistantRate, suggestTargets } from "@/lib/scenarios/assistant-ai";
import { suggestTargetsEndpoint } from "@/lib/scenarios/contracts";
import { assertScenario } from "@/lib/scenarios/get-scenario";

/** POST {}: three target proposals from the AI (nothing stored; 502 with the fallback message when the AI fails). */
export const POST = handle(suggestTargetsEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await enforceAssistantRate(ctx);
  const input = await body();
  await assertScenario({ organizationId: ctx.organizationId, scenarioId: params.id });
  return suggestTargets({ organizationId: ctx.organizationId, scenarioId: params.id, locale: input.locale ?? localeOfRequest(req) });
});
