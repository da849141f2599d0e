import { handle } from "@/lib/api/handle";
import { reviseCampaignEndpoint } from "@/lib/ads/contracts";
import { reviseCampaign } from "@/lib/ads/revise-campaign";
import { requireOrg } from "@/lib/auth/guard";

/** PATCH {dailyBudgetMinor?, totalBudgetMinor?, targeting?, creatives?}: a new revision of a proposal, re-submitted for approval. */
export const PATCH = handle(reviseCampaignEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "approve");
  const input = await body();
  return reviseCampaign({ organizationId: ctx.organizationId, campaignId: params.id, changes: input, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null });
});
