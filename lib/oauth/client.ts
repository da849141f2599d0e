import * as oauth from "oauth4webapi";
import { ConnectorError } from "@/lib/connectors/errors";
import type { PlatformKey, TokenSet } from "@/lib/connectors/types";
import { providerConfig, type ProviderConfig, type ProviderId } from "./providers";
import type { Loose } from "@/lib/connectors/http";

/**
 * Token-endpoint calls through oauth4webapi (RFC 6749/7636 handling, response validation). The
 * provider quirks are adapted in one customFetch: TikTok's "client_key", and token responses that
 * omit token_type (LinkedIn, Google refresh) are completed as bearer.
 */
export type FetchLike = typeof fetch;

function server(cfg: ProviderConfig): oauth.AuthorizationServer {
  return { issuer: new URL(cfg.authorizationEndpoint).origin, authorization_endpoint: cfg.authorizationEndpoint, token_endpoint: cfg.tokenEndpoint };
}

function clientOf(cfg: ProviderConfig): { client: oauth.Client; auth: oauth.ClientAuth } {
  if (!cfg.credentials) throw new ConnectorError("unsupported", cfg.platforms[0], `${cfg.label} is not configured (no client credentials)`);
  const client: oauth.Client = { client_id: cfg.credentials.clientId };
  const auth = cfg.clientAuth === "basic" ? oauth.ClientSecretBasic(cfg.credentials.clientSecret) : oauth.ClientSecretPost(cfg.credentials.clientSecret);
  return { client, auth };
}

function requestOptions(cfg: ProviderConfig, fetchImpl: FetchLike) {
  const custom = async (url: string, init: oauth.CustomFetchOptions<"POST", URLSearchParams>) => {
    let body = init.body;
    if (cfg.clientIdParam === "client_key" && body instanceof URLSearchParams && body.has("client_id")) {
      body = new URLSearchParams(body);
      body.set("client_key", body.get("client_id")!);
      body.delete("client_id");
    }
    const res = await fetchImpl(url, { method: init.method, headers: init.headers, body, redirect: init.redirect, signal: init.signal });
    const ct = res.headers.get("content-type") ?? "";
    if (ct.includes("json")) {
      const json = (await res.json()) as Record<string, Loose>;
      if (res.ok && json.access_token && !json.token_type) json.token_type = "bearer";
      // Graph API errors are {"error":{"code":190,...}}: present them as RFC 6749 errors.
      if (!res.ok && json.error && typeof json.error === "object") {
        const e = json.error as { code?: number; message?: string };
        json.error_description = e.message;
        json.error = e.code === 190 ? "invalid_grant" : "invalid_request";
      }
      return new Response(JSON.stringify(json), { status: res.status, headers: res.headers });
    }
    return res;
  };
  return {
    [oauth.customFetch]: custom as unknown as typeof fetch,
    ...(cfg.insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    signal: AbortSignal.timeout(30_000),
  };
}

export function toTokenSet(res: oauth.TokenEndpointResponse, now = Date.now()): TokenSet {
  const r = res as oauth.TokenEndpointResponse & { refresh_token_expires_in?: number; refresh_expires_in?: number };
  const refreshIn = r.refresh_token_expires_in ?? r.refresh_expires_in;
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    expiresAt: typeof r.expires_in === "number" ? new Date(now + r.expires_in * 1000) : undefined,
    refreshExpiresAt: typeof refreshIn === "number" ? new Date(now + refreshIn * 1000) : undefined,
    scopes: r.scope ? r.scope.split(/[ ,]+/).filter(Boolean) : undefined,
  };
}

/** Map token-endpoint failures: invalid_grant (revoked/expired/rotated refresh token) -> reconnect_required. */
export function mapOAuthError(err: unknown, platform: PlatformKey): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (err instanceof oauth.ResponseBodyError) {
    if (err.error === "invalid_grant" || err.error === "invalid_client" || err.error === "unauthorized_client") {
      return new ConnectorError("reconnect_required", platform, `token endpoint: ${err.error}${err.error_description ? ` (${err.error_description})` : ""}`, {
        httpStatus: err.status,
        platformCode: err.error,
      });
    }
    if (err.status === 429)
      return new ConnectorError("rate_limited", platform, "token endpoint rate limited", { httpStatus: 429, retryAt: new Date(Date.now() + 60_000) });
    if (err.status >= 500) return new ConnectorError("transient", platform, `token endpoint ${err.status}`, { httpStatus: err.status });
    return new ConnectorError("validation", platform, `token endpoint: ${err.error}`, { httpStatus: err.status, platformCode: err.error });
  }
  const status = (err as { response?: Response }).response?.status ?? (err as { status?: number }).status;
  if (typeof status === "number" && status >= 500)
    return new ConnectorError("transient", platform, `token endpoint ${status}`, { httpStatus: status, cause: err });
  const name = (err as Error)?.name;
  if (name === "TimeoutError" || name === "TypeError")
    return new ConnectorError("transient", platform, `token endpoint unreachable: ${(err as Error).message}`, { cause: err });
  return new ConnectorError("transient", platform, `token endpoint error: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

export async function exchangeAuthorizationCode(opts: {
  provider: ProviderId;
  callbackParams: URLSearchParams;
  expectedState: string;
  redirectUri: string;
  codeVerifier: string | null;
  fetch?: FetchLike;
}): Promise<TokenSet> {
  const cfg = providerConfig(opts.provider);
  const as = server(cfg);
  const { client, auth } = clientOf(cfg);
  const params = oauth.validateAuthResponse(as, client, opts.callbackParams, opts.expectedState);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    params,
    opts.redirectUri,
    opts.codeVerifier ?? oauth.nopkce,
    requestOptions(cfg, opts.fetch ?? fetch),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return toTokenSet(result);
}

export async function refreshWithProvider(opts: {
  provider: ProviderId;
  platform: PlatformKey;
  refreshToken: string;
  fetch?: FetchLike;
  now?: number;
}): Promise<TokenSet> {
  const cfg = providerConfig(opts.provider);
  const as = server(cfg);
  const { client, auth } = clientOf(cfg);
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, auth, opts.refreshToken, requestOptions(cfg, opts.fetch ?? fetch));
    return toTokenSet(await oauth.processRefreshTokenResponse(as, client, response), opts.now);
  } catch (err) {
    throw mapOAuthError(err, opts.platform);
  }
}

/** Extension grants (Meta's fb_exchange_token) through the library's generic token request. */
export async function genericGrant(opts: {
  provider: ProviderId;
  platform: PlatformKey;
  grantType: string;
  params: Record<string, string>;
  fetch?: FetchLike;
  now?: number;
}): Promise<TokenSet> {
  const cfg = providerConfig(opts.provider);
  const as = server(cfg);
  const { client, auth } = clientOf(cfg);
  try {
    const response = await oauth.genericTokenEndpointRequest(as, client, auth, opts.grantType, opts.params, requestOptions(cfg, opts.fetch ?? fetch));
    return toTokenSet(await oauth.processGenericTokenEndpointResponse(as, client, response), opts.now);
  } catch (err) {
    throw mapOAuthError(err, opts.platform);
  }
}

export async function buildAuthorizationUrl(opts: { provider: ProviderId; state: string; redirectUri: string; codeVerifier: string | null }): Promise<URL> {
  const cfg = providerConfig(opts.provider);
  if (!cfg.credentials) throw new ConnectorError("unsupported", cfg.platforms[0], `${cfg.label} is not configured`);
  const url = new URL(cfg.authorizationEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set(cfg.clientIdParam, cfg.credentials.clientId);
  url.searchParams.set("redirect_uri", opts.redirectUri);
  url.searchParams.set("scope", cfg.scopes.join(cfg.scopeSeparator));
  url.searchParams.set("state", opts.state);
  if (opts.codeVerifier) {
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(opts.codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  for (const [k, v] of Object.entries(cfg.extraAuthParams)) url.searchParams.set(k, v);
  return url;
}

export const newCodeVerifier = () => oauth.generateRandomCodeVerifier();
export const newState = () => oauth.generateRandomState();
