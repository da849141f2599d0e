import "server-only";
import { vendorHosts, apiVersions } from "@/lib/connectors/endpoints";
import type { TokenSet } from "@/lib/connectors/types";
import { genericGrant, type FetchLike } from "./client";
import { env } from "@/lib/env";
import type { ProviderId } from "./providers";
import type { Loose } from "@/lib/connectors/http";
import type { Candidate } from "@/lib/oauth/contracts";
export type { Candidate };

async function getJson(f: FetchLike, url: string, headers: Record<string, string>): Promise<Loose> {
  const res = await f(url, { headers, signal: AbortSignal.timeout(20_000) });
  if (!res.ok) throw new Error(`account discovery failed: HTTP ${res.status} on ${new URL(url).pathname}`);
  return res.json();
}

export async function discoverAccounts(provider: ProviderId, accessToken: string, fetchImpl: FetchLike = fetch): Promise<Candidate[]> {
  const bearer = { authorization: `Bearer ${accessToken}` };
  switch (provider) {
    case "linkedin": {
      const h = { ...bearer, "linkedin-version": apiVersions().linkedin, "x-restli-protocol-version": "2.0.0" };
      const r = await getJson(fetchImpl, `${vendorHosts("linkedin").api}/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`, h);
      return (r.elements ?? []).map((e: Loose) => {
        const urn = String(e.organization ?? e.organizationTarget);
        return {
          platform: "linkedin",
          externalId: urn.split(":").pop()!,
          name: e.organizationName ?? `Organization ${urn.split(":").pop()}`,
          metadata: { urn },
        };
      });
    }
    case "meta": {
      const base = `${vendorHosts("meta").api}/${apiVersions().meta}`;
      const pages = await getJson(fetchImpl, `${base}/me/accounts?fields=id,name,instagram_business_account{id,username}`, bearer);
      const out: Candidate[] = [];
      for (const p of pages.data ?? []) {
        out.push({ platform: "facebook", externalId: String(p.id), name: p.name, metadata: { pageId: String(p.id) } });
        if (p.instagram_business_account?.id)
          out.push({
            platform: "instagram",
            externalId: String(p.instagram_business_account.id),
            name: p.instagram_business_account.username ?? p.name,
            handle: p.instagram_business_account.username ?? null,
            metadata: { pageId: String(p.id) },
          });
      }
      const ads = await getJson(fetchImpl, `${base}/me/adaccounts?fields=id,name,currency`, bearer);
      for (const a of ads.data ?? []) out.push({ platform: "meta_ads", externalId: String(a.id), name: a.name, metadata: { currency: a.currency } });
      const biz = await getJson(
        fetchImpl,
        `${base}/me/businesses?fields=owned_whatsapp_business_accounts{id,name,phone_numbers{id,display_phone_number,verified_name}}`,
        bearer,
      );
      for (const b of biz.data ?? [])
        for (const w of b.owned_whatsapp_business_accounts?.data ?? [])
          for (const ph of w.phone_numbers?.data ?? [])
            out.push({
              platform: "whatsapp",
              externalId: String(ph.id),
              name: `${ph.verified_name} (${ph.display_phone_number})`,
              metadata: { wabaId: String(w.id) },
            });
      return out;
    }
    case "x": {
      const r = await getJson(fetchImpl, `${vendorHosts("x").api}/2/users/me`, bearer);
      return [{ platform: "x", externalId: String(r.data.id), name: r.data.name, handle: r.data.username, metadata: {} }];
    }
    case "tiktok": {
      const r = await getJson(fetchImpl, `${vendorHosts("tiktok").api}/v2/user/info/?fields=open_id,display_name,username`, bearer);
      const u = r.data?.user ?? {};
      return [
        {
          platform: "tiktok",
          externalId: String(u.open_id),
          name: u.display_name ?? u.username,
          handle: u.username ?? null,
          metadata: { username: u.username },
        },
      ];
    }
    case "google": {
      const e = env();
      const r = await getJson(fetchImpl, `${vendorHosts("google").api}/${apiVersions().googleAds}/customers:listAccessibleCustomers`, {
        ...bearer,
        "developer-token": e.GOOGLE_ADS_DEVELOPER_TOKEN ?? "",
      });
      return (r.resourceNames ?? []).map((n: string) => ({
        platform: "google_ads",
        externalId: n.split("/")[1],
        name: `Google Ads ${n.split("/")[1]}`,
        metadata: {},
      }));
    }
  }
}

/**
 * The tokens to store for one picked account. Meta: exchange the user token for a long-lived one
 * (kept as the refresh credential) and, for Pages and Instagram, read the Page token with it.
 */
export async function resolveAccountTokens(
  provider: ProviderId,
  c: Candidate,
  tokens: TokenSet & { expiresAt?: Date | string },
  fetchImpl: FetchLike = fetch,
): Promise<TokenSet & { expiresAt?: Date | string }> {
  if (provider !== "meta") return tokens;
  const e = env();
  const long = await genericGrant({
    provider: "meta",
    platform: c.platform,
    grantType: "fb_exchange_token",
    params: { fb_exchange_token: tokens.accessToken, client_id: e.META_APP_ID ?? "", client_secret: e.META_APP_SECRET ?? "" },
    fetch: fetchImpl,
  });
  const pageId = c.metadata.pageId as string | undefined;
  if (!pageId)
    return {
      accessToken: long.accessToken,
      refreshToken: long.accessToken,
      expiresAt: long.expiresAt,
      refreshExpiresAt: long.expiresAt,
      scopes: tokens.scopes,
    };
  const page = await getJson(fetchImpl, `${vendorHosts("meta").api}/${apiVersions().meta}/${pageId}?fields=access_token`, {
    authorization: `Bearer ${long.accessToken}`,
  });
  return { accessToken: String(page.access_token), refreshToken: long.accessToken, refreshExpiresAt: long.expiresAt, scopes: tokens.scopes };
}
