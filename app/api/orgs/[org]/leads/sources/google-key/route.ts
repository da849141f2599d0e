import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { rotateSourceSecret } from "@/lib/leads/capture/source-secrets";
import { rotateGoogleLeadKeyEndpoint } from "@/lib/leads/contracts";

/** Settings -> Lead sources: renew the Google Ads lead form key. */
export const POST = handle(rotateGoogleLeadKeyEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  const r = await rotateSourceSecret({ organizationId: ctx.organizationId, type: "GOOGLE_LEAD_ADS" });
  return { key: r.secret, rotatedAt: r.rotatedAt.toISOString() };
});
