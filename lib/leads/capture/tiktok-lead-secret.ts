import "server-only";
import { hkdfSync } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/**
 * The key TikTok signs lead deliveries with: the TikTok app's secret (TIKTOK_ADS_SECRET, the Business
 * API app that subscribes to the advertisers' leads). Without a TikTok app (the sandbox connector,
 * embedded default) it is derived from AUTH_SECRET, so "Send a test lead" takes the same signed path;
 * with an app id and no secret, nothing is accepted.
 */
export function tiktokLeadSecret(): string | null {
  const e = env();
  if (e.TIKTOK_ADS_SECRET) return e.TIKTOK_ADS_SECRET;
  if (e.TIKTOK_ADS_APP_ID) return null;
  return Buffer.from(hkdfSync("sha256", authSecret(), "", "tiktok-lead-webhook:v1", 32)).toString("hex");
}
