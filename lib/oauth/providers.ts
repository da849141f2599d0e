import "server-only";
import { env } from "@/lib/env";
import { apiVersions, vendorHosts, type Vendor } from "@/lib/connectors/endpoints";
import type { PlatformKey } from "@/lib/connectors/types";
import { PROVIDER_IDS, type ProviderId } from "./contracts";

export { PROVIDER_IDS, type ProviderId };

/**
 * The OAuth providers behind "Connect …" buttons. One redirect URI per provider
 * (/api/oauth/<id>/callback) so a callback can only complete a flow started for that provider.
 */
export interface ProviderConfig {
  id: ProviderId;
  vendor: Vendor;
  label: string;
  /** Accounts this provider can connect (picked after consent). */
  platforms: PlatformKey[];
  scopes: string[];
  scopeSeparator: " " | ",";
  /** PKCE S256 where the provider supports it for web apps. */
  pkce: boolean;
  clientAuth: "post" | "basic";
  /** TikTok names the client id "client_key". */
  clientIdParam: "client_id" | "client_key";
  authorizationEndpoint: string;
  tokenEndpoint: string;
  extraAuthParams: Record<string, string>;
  credentials: { clientId: string; clientSecret: string } | null;
  /** http:// endpoints allowed (local fakes only). */
  insecure: boolean;
}

export function providerConfig(id: ProviderId): ProviderConfig {
  const e = env();
  const h = vendorHosts(providerVendor(id));
  const creds = (a?: string, b?: string) => (a && b ? { clientId: a, clientSecret: b } : null);
  // http:// only for overridden hosts (local fakes): any in development, loopback ones in production builds
  // (the e2e server runs `next start` against fakes on 127.0.0.1).
  const insecure = h.overridden && (e.NODE_ENV !== "production" || isLoopbackUrl(h.token));
  const base = {
    id,
    insecure,
    extraAuthParams: {} as Record<string, string>,
    clientAuth: "post" as const,
    clientIdParam: "client_id" as const,
    scopeSeparator: " " as const,
  };
  switch (id) {
    case "linkedin":
      return {
        ...base,
        vendor: "linkedin",
        label: "LinkedIn",
        platforms: ["linkedin"],
        scopes: ["r_organization_social", "w_organization_social", "rw_organization_admin", "r_basicprofile"],
        pkce: false, // LinkedIn offers PKCE to native clients only; web apps use the client secret
        authorizationEndpoint: `${h.auth}/oauth/v2/authorization`,
        tokenEndpoint: `${h.token}/oauth/v2/accessToken`,
        credentials: creds(e.LINKEDIN_CLIENT_ID, e.LINKEDIN_CLIENT_SECRET),
      };
    case "meta": {
      const v = apiVersions().meta;
      return {
        ...base,
        vendor: "meta",
        label: "Meta (Facebook, Instagram, WhatsApp, Ads)",
        platforms: ["facebook", "instagram", "whatsapp", "meta_ads"],
        scopes: [
          "pages_show_list",
          "pages_manage_posts",
          "pages_read_engagement",
          "pages_manage_metadata",
          "read_insights",
          "instagram_basic",
          "instagram_content_publish",
          "instagram_manage_comments",
          "instagram_manage_insights",
          "whatsapp_business_messaging",
          "whatsapp_business_management",
          "business_management",
          "ads_management",
          "ads_read",
          "leads_retrieval",
        ],
        scopeSeparator: ",",
        pkce: true,
        authorizationEndpoint: `${h.auth}/${v}/dialog/oauth`,
        tokenEndpoint: `${h.token}/${v}/oauth/access_token`,
        credentials: creds(e.META_APP_ID, e.META_APP_SECRET),
      };
    }
    case "tiktok":
      return {
        ...base,
        vendor: "tiktok",
        label: "TikTok",
        platforms: ["tiktok"],
        scopes: ["user.info.basic", "video.publish", "video.upload", "video.list"],
        scopeSeparator: ",",
        pkce: false, // TikTok Login Kit requires PKCE for desktop/mobile apps only
        clientIdParam: "client_key",
        authorizationEndpoint: `${h.auth}/v2/auth/authorize/`,
        tokenEndpoint: `${h.token}/v2/oauth/token/`,
        credentials: creds(e.TIKTOK_CLIENT_KEY, e.TIKTOK_CLIENT_SECRET),
      };
    case "x":
      return {
        ...base,
        vendor: "x",
        label: "X",
        platforms: ["x"],
        scopes: ["tweet.read", "tweet.write", "users.read", "media.write", "offline.access"],
        pkce: true,
        clientAuth: "basic",
        authorizationEndpoint: `${h.auth}/i/oauth2/authorize`,
        tokenEndpoint: `${h.token}/2/oauth2/token`,
        credentials: creds(e.X_CLIENT_ID, e.X_CLIENT_SECRET),
      };
    case "google":
      return {
        ...base,
        vendor: "google",
        label: "Google Ads",
        platforms: ["google_ads"],
        scopes: ["https://www.googleapis.com/auth/adwords"],
        pkce: true,
        extraAuthParams: { access_type: "offline", prompt: "consent", include_granted_scopes: "true" },
        authorizationEndpoint: `${h.auth}/o/oauth2/v2/auth`,
        tokenEndpoint: `${h.token}/token`,
        credentials: creds(e.GOOGLE_ADS_CLIENT_ID, e.GOOGLE_ADS_CLIENT_SECRET),
      };
  }
}

function isLoopbackUrl(value: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(value).hostname);
  } catch {
    return false;
  }
}

export function providerVendor(id: ProviderId): Vendor {
  return id === "meta" ? "meta" : id === "google" ? "google" : id;
}

export function providerForPlatform(p: PlatformKey): ProviderId | null {
  switch (p) {
    case "linkedin":
      return "linkedin";
    case "facebook":
    case "instagram":
    case "whatsapp":
    case "meta_ads":
      return "meta";
    case "tiktok":
      return "tiktok";
    case "x":
      return "x";
    case "google_ads":
      return "google";
    case "tiktok_ads":
      return null; // Business API auth_code flow: not wired to the Connect button yet
  }
}

export const isProviderId = (v: string): v is ProviderId => (PROVIDER_IDS as readonly string[]).includes(v);

/** The redirect URI registered with the provider: one per provider. */
export function redirectUriFor(id: ProviderId, appUrl: string): string {
  return new URL(`/api/oauth/${id}/callback`, appUrl).toString();
}
