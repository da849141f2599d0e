import { describe, expect, it } from "vitest";
import { adsManagerUrl } from "@/lib/ads/manager-links";

describe("adsManagerUrl (campaign page: the remote id opens the campaign in its network's manager)", () => {
  it("points each network's manager at the account and the campaign", () => {
    expect(adsManagerUrl("META_ADS", { externalId: "act_1234", isSandbox: false }, "120210")).toBe("https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1234&selected_campaign_ids=120210");
    expect(adsManagerUrl("GOOGLE_ADS", { externalId: "123-456-7890", isSandbox: false }, "987")).toBe("https://ads.google.com/aw/campaigns?campaignId=987&__e=1234567890");
    expect(adsManagerUrl("TIKTOK_ADS", { externalId: "7001", isSandbox: false }, "1800")).toBe("https://ads.tiktok.com/i18n/perf/campaign?aadvid=7001&keyword=1800");
  });
  it("has nothing to open for a sandbox account or a network without an ads manager", () => {
    expect(adsManagerUrl("META_ADS", { externalId: "act_1234", isSandbox: true }, "1")).toBeNull();
    expect(adsManagerUrl("LINKEDIN", { externalId: "x", isSandbox: false }, "1")).toBeNull();
  });
  it("escapes what it puts in the query", () => {
    expect(adsManagerUrl("TIKTOK_ADS", { externalId: "a&b", isSandbox: false }, "c d")).toBe("https://ads.tiktok.com/i18n/perf/campaign?aadvid=a%26b&keyword=c%20d");
  });
});
