import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { localeOfRequest } from "@/lib/i18n/config";
import { enforceAssistantRate } from "@/lib/scenarios/assistant-ai";
import { assistantSearchEndpoint } from "@/lib/scenarios/contracts";
import { searchInspirations } from "@/lib/scenarios/search-inspirations";

/** POST { scenarioId, query? }: three inspirations from the search provider, stored with the scenario. */
export const POST = handle(assistantSearchEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await enforceAssistantRate(ctx);
  const input = await body();
  return reply({ search: await searchInspirations({ organizationId: ctx.organizationId, scenarioId: input.scenarioId, query: input.query, locale: input.locale ?? localeOfRequest(req) }) }, { status: 201 });
});
