import { handle } from "@/lib/api/handle";
import { retryLaunchEndpoint } from "@/lib/ads/contracts";
import { retryLaunch } from "@/lib/ads/retry-launch";
import { requireOrg } from "@/lib/auth/guard";

/** POST {}: retry the failed launch of a campaign (202). */
export const POST = handle(retryLaunchEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "approve");
  await body();
  return retryLaunch({ organizationId: ctx.organizationId, campaignId: params.id });
});
