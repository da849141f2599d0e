import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { localeOfRequest } from "@/lib/i18n/config";
import { enforceAssistantRate, generatePlan } from "@/lib/scenarios/assistant-ai";
import { generatePlanEndpoint } from "@/lib/scenarios/contracts";
import { assertScenario } from "@/lib/scenarios/get-scenario";

/** POST {}: generate or regenerate the plan (a new version; 502 with nothing written when the AI fails). */
export const POST = handle(generatePlanEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await enforceAssistantRate(ctx);
  const input = await body();
  await assertScenario({ organizationId: ctx.organizationId, scenarioId: params.id });
  return reply({ scenario: await generatePlan({ organizationId: ctx.organizationId, scenarioId: params.id, locale: input.locale ?? localeOfRequest(req) }) }, { status: 201 });
});
