import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getConversionSettings, rotateConversionWebhookSecret } from "@/lib/leads/conversions/attribution-settings";
import { getConversionSecretEndpoint, rotateConversionSecretEndpoint } from "@/lib/leads/conversions/contracts";

/** The conversion webhook's secret: read (created on first read) and rotate. */
export const GET = handle(getConversionSecretEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  const s = await getConversionSettings({ organizationId: ctx.organizationId, slug: ctx.slug });
  return { secret: s.secret, rotatedAt: s.rotatedAt, url: s.url };
});

export const POST = handle(rotateConversionSecretEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "manageApiKeys");
  return rotateConversionWebhookSecret({ organizationId: ctx.organizationId, slug: ctx.slug });
});
