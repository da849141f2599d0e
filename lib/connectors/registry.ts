import "server-only";
import { env } from "@/lib/env";
import { createFacebookConnector } from "./facebook/connector";
import { createInstagramConnector } from "./instagram/connector";
import { createLinkedinConnector } from "./linkedin/connector";
import { createTiktokConnector } from "./tiktok/connector";
import { createWhatsappConnector } from "./whatsapp/connector";
import { createXConnector } from "./x/connector";
import { createMetaAdsConnector } from "./ads/meta-ads";
import { createGoogleAdsConnector } from "./ads/google-ads";
import { createTiktokAdsConnector } from "./ads/tiktok-ads";
import { createSandboxConnector } from "./sandbox/connector";
import { createSandboxAdsConnector } from "./sandbox/ads";
import { createSandboxAdLibraryConnector } from "./sandbox/ad-library";
import { createMetaAdLibraryConnector } from "./meta/ad-library";
import { CAPABILITIES } from "./capabilities";
import { defaultRuntime, type ConnectorRuntime } from "./http";
import {
  AD_PLATFORMS,
  type AdLibraryConnector,
  type AdPlatform,
  type AdsConnector,
  type AnyConnector,
  type PlatformKey,
  type PlatformConnector,
  type SocialPlatform,
} from "./types";

export { CAPABILITIES };

/** True when the platform's app credentials are set; otherwise the sandbox connector is used. */
export function isPlatformConfigured(p: PlatformKey): boolean {
  const e = env();
  switch (p) {
    case "linkedin":
      return !!(e.LINKEDIN_CLIENT_ID && e.LINKEDIN_CLIENT_SECRET);
    case "facebook":
    case "instagram":
    case "whatsapp":
    case "meta_ads":
      return !!(e.META_APP_ID && e.META_APP_SECRET);
    case "tiktok":
      return !!(e.TIKTOK_CLIENT_KEY && e.TIKTOK_CLIENT_SECRET);
    case "x":
      return !!(e.X_CLIENT_ID && e.X_CLIENT_SECRET);
    case "google_ads":
      return !!(e.GOOGLE_ADS_CLIENT_ID && e.GOOGLE_ADS_CLIENT_SECRET && e.GOOGLE_ADS_DEVELOPER_TOKEN);
    case "tiktok_ads":
      return !!(e.TIKTOK_ADS_APP_ID && e.TIKTOK_ADS_SECRET);
  }
}

const REAL: Record<SocialPlatform, (rt: ConnectorRuntime) => PlatformConnector> = {
  linkedin: createLinkedinConnector,
  facebook: createFacebookConnector,
  instagram: createInstagramConnector,
  tiktok: createTiktokConnector,
  x: createXConnector,
  whatsapp: createWhatsappConnector,
};
const REAL_ADS: Record<AdPlatform, (rt: ConnectorRuntime) => AdsConnector> = {
  meta_ads: createMetaAdsConnector,
  google_ads: createGoogleAdsConnector,
  tiktok_ads: createTiktokAdsConnector,
};

export interface ConnectorRegistry {
  /** The configured connector: real when credentials are set, else the sandbox network. */
  get(name: SocialPlatform): PlatformConnector;
  getAds(name: AdPlatform): AdsConnector;
  /** The connector for a stored account: sandbox accounts (demo data) always use the sandbox. */
  forAccount(account: { platform: PlatformKey; isSandbox: boolean }): AnyConnector;
  real(name: SocialPlatform): PlatformConnector;
  realAds(name: AdPlatform): AdsConnector;
  sandbox(name: SocialPlatform): PlatformConnector;
  sandboxAds(name: AdPlatform): AdsConnector;
  /** Meta Ad Library (MKT-201) for the account whose token reads it: real for a real Meta account, else the sandbox library. */
  adLibrary(account: { isSandbox: boolean } | null): AdLibraryConnector;
}

export function createRegistry(rt: ConnectorRuntime = defaultRuntime()): ConnectorRegistry {
  const reg: ConnectorRegistry = {
    real: (n) => REAL[n](rt),
    realAds: (n) => REAL_ADS[n](rt),
    sandbox: (n) => createSandboxConnector(n, CAPABILITIES[n], { now: rt.now }),
    sandboxAds: (n) => createSandboxAdsConnector(n, { now: rt.now }),
    adLibrary: (a) => (a && !a.isSandbox && isPlatformConfigured("meta_ads") ? createMetaAdLibraryConnector(rt) : createSandboxAdLibraryConnector({ now: rt.now })),
    get: (n) => (isPlatformConfigured(n) ? reg.real(n) : reg.sandbox(n)),
    getAds: (n) => (isPlatformConfigured(n) ? reg.realAds(n) : reg.sandboxAds(n)),
    forAccount(a) {
      const ads = (AD_PLATFORMS as string[]).includes(a.platform);
      if (a.isSandbox) return ads ? reg.sandboxAds(a.platform as AdPlatform) : reg.sandbox(a.platform as SocialPlatform);
      return ads ? reg.realAds(a.platform as AdPlatform) : reg.real(a.platform as SocialPlatform);
    },
  };
  return reg;
}

/** The process-wide registry: `connectors.get('instagram')`. */
export const connectors: ConnectorRegistry = createRegistry();
