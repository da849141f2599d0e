import type { Platform } from "@/lib/db/generated/enums";

/**
 * Where a launched campaign can be opened in its ad network's own manager (the campaign page's remote
 * id links there). Sandbox accounts have nothing to open: null.
 */
export function adsManagerUrl(platform: Platform, account: { externalId: string; isSandbox: boolean }, campaignId: string): string | null {
  if (account.isSandbox) return null;
  const id = encodeURIComponent(campaignId);
  switch (platform) {
    case "META_ADS":
      return `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${encodeURIComponent(account.externalId.replace(/^act_/, ""))}&selected_campaign_ids=${id}`;
    case "GOOGLE_ADS":
      return `https://ads.google.com/aw/campaigns?campaignId=${id}&__e=${encodeURIComponent(account.externalId.replace(/-/g, ""))}`;
    case "TIKTOK_ADS":
      return `https://ads.tiktok.com/i18n/perf/campaign?aadvid=${encodeURIComponent(account.externalId)}&keyword=${id}`;
    default:
      return null;
  }
}
