import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listScenarioExamplesEndpoint } from "@/lib/scenarios/contracts";
import { listScenarioExamples } from "@/lib/scenarios/manage-scenarios";

/** GET: the five B2B example scenarios offered to every organisation. */
export const GET = handle(listScenarioExamplesEndpoint, async ({ req, params }) => {
  await requireOrg(req, params.org);
  return { examples: listScenarioExamples() };
});
