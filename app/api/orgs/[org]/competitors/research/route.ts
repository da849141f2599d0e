import { handle } from "@/lib/api/handle";
import { requestCompetitorResearchEndpoint } from "@/lib/ads/contracts";
import { requestCompetitorResearch } from "@/lib/ads/request-competitor-research";
import { requireOrg } from "@/lib/auth/guard";

/** POST {}: "Run research now" on the competitors page (202; 409 while one runs, 429 past the hourly limit). */
export const POST = handle(requestCompetitorResearchEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await body();
  return requestCompetitorResearch({ organizationId: ctx.organizationId, requestedById: ctx.actor.kind === "user" ? ctx.actor.userId : null });
});
