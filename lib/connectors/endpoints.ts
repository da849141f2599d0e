import "server-only";
import { env } from "@/lib/env";

/**
 * Where each vendor lives. PLATFORM_BASE_URLS (JSON) points a whole vendor at one origin (a local
 * fake serves every host of that vendor on one port): {"linkedin":"http://127.0.0.1:4010",...}.
 */
export type Vendor = "linkedin" | "meta" | "tiktok" | "x" | "google" | "tiktok_business";

const REAL: Record<Vendor, { api: string; auth: string; token: string }> = {
  linkedin: { api: "https://api.linkedin.com", auth: "https://www.linkedin.com", token: "https://www.linkedin.com" },
  meta: { api: "https://graph.facebook.com", auth: "https://www.facebook.com", token: "https://graph.facebook.com" },
  tiktok: { api: "https://open.tiktokapis.com", auth: "https://www.tiktok.com", token: "https://open.tiktokapis.com" },
  x: { api: "https://api.x.com", auth: "https://x.com", token: "https://api.x.com" },
  google: { api: "https://googleads.googleapis.com", auth: "https://accounts.google.com", token: "https://oauth2.googleapis.com" },
  tiktok_business: { api: "https://business-api.tiktok.com", auth: "https://business-api.tiktok.com", token: "https://business-api.tiktok.com" },
};

let cache: { raw: string | undefined; map: Partial<Record<Vendor, string>> } | undefined;

function overrides(): Partial<Record<Vendor, string>> {
  const raw = env().PLATFORM_BASE_URLS;
  if (cache && cache.raw === raw) return cache.map;
  let map: Partial<Record<Vendor, string>> = {};
  if (raw) {
    try {
      map = JSON.parse(raw) as Partial<Record<Vendor, string>>;
    } catch {
      throw new Error("PLATFORM_BASE_URLS must be a JSON object of vendor -> base URL");
    }
  }
  cache = { raw, map };
  return map;
}

export function vendorHosts(vendor: Vendor): { api: string; auth: string; token: string; overridden: boolean } {
  const o = overrides()[vendor]?.replace(/\/$/, "");
  return o ? { api: o, auth: o, token: o, overridden: true } : { ...REAL[vendor], overridden: false };
}

export function apiVersions() {
  const e = env();
  return {
    linkedin: e.LINKEDIN_API_VERSION,
    meta: e.META_GRAPH_VERSION,
    googleAds: e.GOOGLE_ADS_API_VERSION,
    tiktokBusiness: e.TIKTOK_BUSINESS_API_VERSION,
  };
}
