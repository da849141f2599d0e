import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";
import type { LeadSourceSettingsDto } from "../contracts";
import { ensureSourceSecret } from "./source-secrets";
import { tiktokLeadSecret } from "./tiktok-lead-secret";

/**
 * Settings -> Lead sources: every lead webhook with what a sender needs. Secrets that are the
 * organisation's (google_key, the conversion secret) are shown to admins and renewable; the Meta and
 * TikTok callbacks are the app's (one URL for every organisation, signed with the app's secret, set in
 * the server's settings), so the page says whether they are configured and which connected accounts
 * route leads here, never the app's secrets.
 */
export async function getLeadSourceSettings(opts: { organizationId: string }): Promise<LeadSourceSettingsDto> {
  const base = publicBaseUrl();
  const e = env();
  const [ingestKeys, google, googleRow, accounts] = await Promise.all([
    db().apiKey.count({ where: { organizationId: opts.organizationId, revokedAt: null, scopes: { has: "ingest" } } }),
    ensureSourceSecret({ organizationId: opts.organizationId, type: "GOOGLE_LEAD_ADS" }),
    db().leadSource.findFirst({ where: { organizationId: opts.organizationId, type: "GOOGLE_LEAD_ADS", externalId: "webhook" }, select: { createdAt: true, updatedAt: true } }),
    db().socialAccount.findMany({
      where: { organizationId: opts.organizationId, platform: { in: ["FACEBOOK", "META_ADS", "TIKTOK_ADS"] }, status: { not: "DISCONNECTED" } },
      orderBy: { createdAt: "asc" },
      select: { platform: true, externalId: true, name: true, isSandbox: true },
    }),
  ]);
  const of = (platforms: string[]) => accounts.filter((a) => platforms.includes(a.platform)).map((a) => ({ externalId: a.externalId, name: a.name, sandbox: a.isSandbox }));
  return {
    form: { url: `${base}/api/webhooks/leads`, ingestKeys },
    meta: { url: `${base}/api/webhooks/meta`, verifyTokenSet: !!e.META_WEBHOOK_VERIFY_TOKEN, appSecretSet: !!e.META_APP_SECRET, accounts: of(["FACEBOOK", "META_ADS"]) },
    google: { url: `${base}/api/webhooks/google-ads-leads`, key: google.secret, rotatedAt: googleRow && googleRow.updatedAt.getTime() > googleRow.createdAt.getTime() ? googleRow.updatedAt.toISOString() : null },
    tiktok: { url: `${base}/api/webhooks/tiktok-leads`, signing: e.TIKTOK_ADS_SECRET ? "app" : tiktokLeadSecret() ? "sandbox" : "missing", accounts: of(["TIKTOK_ADS"]) },
  };
}
