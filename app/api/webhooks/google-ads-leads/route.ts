import { handle } from "@/lib/api/handle";
import { receiveGoogleAdsLead } from "@/lib/leads/capture/receive-google-ads-lead";
import { googleAdsLeadsEndpoint } from "@/lib/leads/contracts";

/** Google Ads lead form webhook: google_key names the organisation; stored before processing. */
export const dynamic = "force-dynamic";

export const POST = handle(googleAdsLeadsEndpoint, async ({ body }) => {
  await receiveGoogleAdsLead(await body());
  return {};
});
