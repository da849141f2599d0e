import "server-only";
import { sameOriginPath } from "@/lib/net/safe-redirect";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { decryptCodeVerifier, encryptAccountToken, encryptCodeVerifier } from "@/lib/crypto/account-secrets";
import { decryptSecret, encryptSecret } from "@/lib/crypto/token-cipher";
import { ConnectorError } from "@/lib/connectors/errors";
import { PLATFORM_ENUM, type PlatformKey, type TokenSet } from "@/lib/connectors/types";
import { buildAuthorizationUrl, exchangeAuthorizationCode, newCodeVerifier, newState, type FetchLike } from "./client";
import { providerConfig, redirectUriFor, type ProviderId } from "./providers";
import { discoverAccounts, resolveAccountTokens, type Candidate } from "./discover";

/**
 * Authorization-code flow for connecting platform accounts (RFC 9700 practices):
 * - `state` is random, stored only as a hash, one-time (consumed atomically), valid 10 minutes, and
 *   bound to the browser by a cookie whose hash is stored beside it;
 * - PKCE S256 wherever the provider supports it; the verifier is stored encrypted;
 * - one redirect URI per provider, and the state remembers its provider, so a callback arriving on
 *   another provider's redirect URI is rejected (mix-up defence);
 * - returnTo is reduced to a same-site path (no open redirects).
 */
export const STATE_TTL_MS = 10 * 60_000;
export const BINDING_COOKIE = "me_oauth_binding";

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");
export const newBrowserBinding = () => randomBytes(32).toString("base64url");

/** Only same-origin paths: "/x/y?z". Anything else (//host, /\host, schemes, control chars) -> fallback. */
/** Kept for callers: the one same-origin check (lib/net/safe-redirect.ts). */
export function safeReturnTo(value: string | null | undefined, fallback = "/"): string {
  return sameOriginPath(value, fallback);
}

export async function startConnection(opts: {
  organizationId: string;
  userId: string;
  provider: ProviderId;
  browserBinding: string;
  returnTo?: string | null;
  appUrl: string;
  reconnectAccountId?: string;
  now?: number;
}): Promise<{ authorizationUrl: string; stateId: string }> {
  const cfg = providerConfig(opts.provider);
  if (!cfg.credentials) throw new AppError("validation", "oauth.notConfigured", { field: "provider", values: { provider: cfg.label } });
  if (!opts.browserBinding || opts.browserBinding.length < 32) throw new AppError("bad_request", "oauth.browserBinding");
  if (opts.reconnectAccountId) {
    const acc = await db().socialAccount.findFirst({ where: { id: opts.reconnectAccountId, organizationId: opts.organizationId }, select: { id: true } });
    if (!acc) throw notFound("account");
  }
  const state = newState();
  const verifier = cfg.pkce ? newCodeVerifier() : null;
  const redirectUri = redirectUriFor(opts.provider, opts.appUrl);
  const id = `ost_${randomBytes(12).toString("hex")}`;
  await db().oAuthState.create({
    data: {
      id,
      stateHash: sha256(state),
      organizationId: opts.organizationId,
      userId: opts.userId,
      provider: opts.provider,
      browserBindingHash: sha256(opts.browserBinding),
      codeVerifierEnc: verifier ? encryptCodeVerifier(opts.organizationId, id, verifier) : null,
      redirectUri,
      returnTo: safeReturnTo(opts.returnTo, "/"),
      expiresAt: new Date((opts.now ?? Date.now()) + STATE_TTL_MS),
      reconnectAccountId: opts.reconnectAccountId ?? null,
    },
  });
  const url = await buildAuthorizationUrl({ provider: opts.provider, state, redirectUri, codeVerifier: verifier });
  return { authorizationUrl: url.toString(), stateId: id };
}

/** Why a callback was refused: `reason` picks the words (errors.oauth.callbackRejected), `detail` is the provider's or library's own. */
export type CallbackRejection = "missingState" | "unknownState" | "otherProvider" | "otherBrowser" | "expired" | "used" | "denied" | "redirectUri" | "exchange";
const reject = (reason: CallbackRejection, detail = "") => new AppError("bad_request", "oauth.callbackRejected", { values: { reason, detail } });

/**
 * Handle /api/oauth/<provider>/callback. Every failure is a 400 and stores no token. On success the
 * token set is kept encrypted on the state row with the accounts the user may pick.
 */
export async function completeConnection(opts: {
  provider: ProviderId;
  params: URLSearchParams;
  browserBinding: string | null | undefined;
  now?: number;
  fetch?: FetchLike;
}): Promise<{ stateId: string; returnTo: string; organizationId: string; candidates: Candidate[] }> {
  const now = opts.now ?? Date.now();
  const state = opts.params.get("state");
  if (!state) throw reject("missingState");
  const row = await db().oAuthState.findUnique({ where: { stateHash: sha256(state) } });
  if (!row) throw reject("unknownState");
  if (row.provider !== opts.provider) throw reject("otherProvider");
  if (!opts.browserBinding || sha256(opts.browserBinding) !== row.browserBindingHash) throw reject("otherBrowser");
  if (row.expiresAt.getTime() <= now) throw reject("expired");
  const consumed = await db().oAuthState.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: new Date(now) } });
  if (consumed.count !== 1) throw reject("used");
  if (opts.params.get("error"))
    throw reject("denied", `${opts.params.get("error")}${opts.params.get("error_description") ? `: ${opts.params.get("error_description")}` : ""}`);
  if (row.redirectUri !== redirectUriFor(opts.provider, new URL(row.redirectUri).origin)) throw reject("redirectUri");

  let tokens: TokenSet;
  try {
    tokens = await exchangeAuthorizationCode({
      provider: opts.provider,
      callbackParams: opts.params,
      expectedState: state,
      redirectUri: row.redirectUri,
      codeVerifier: row.codeVerifierEnc ? decryptCodeVerifier(row.organizationId, row.id, row.codeVerifierEnc) : null,
      fetch: opts.fetch,
    });
  } catch (err) {
    throw reject("exchange", err instanceof Error ? err.message : "code exchange failed");
  }
  const candidates = await discoverAccounts(opts.provider, tokens.accessToken, opts.fetch);
  await db().oAuthState.update({
    where: { id: row.id },
    data: {
      tokenSetEnc: encryptSecret(JSON.stringify(tokens), { organizationId: row.organizationId, recordId: row.id, field: "tokenSet" }),
      candidates: candidates as object[],
    },
  });
  return { stateId: row.id, returnTo: row.returnTo ?? "/", organizationId: row.organizationId, candidates };
}

/** The account picker's data: what the consent allows connecting (never tokens). */
export async function listCandidates(opts: { organizationId: string; stateId: string; now?: number }): Promise<{ provider: string; candidates: Candidate[] }> {
  const row = await db().oAuthState.findFirst({ where: { id: opts.stateId, organizationId: opts.organizationId, tokenSetEnc: { not: null } } });
  if (!row || row.createdAt.getTime() + 2 * STATE_TTL_MS < (opts.now ?? Date.now()))
    throw new AppError("not_found", "oauth.attemptExpired");
  return { provider: row.provider, candidates: (row.candidates ?? []) as Candidate[] };
}

/** Create (or repair) one SocialAccount per picked candidate, tokens encrypted with their row's AAD. */
export async function confirmSelection(opts: {
  organizationId: string;
  userId: string;
  stateId: string;
  externalIds: string[];
  fetch?: FetchLike;
  now?: number;
}): Promise<{ accountIds: string[] }> {
  const row = await db().oAuthState.findFirst({ where: { id: opts.stateId, organizationId: opts.organizationId, tokenSetEnc: { not: null } } });
  if (!row || row.createdAt.getTime() + 2 * STATE_TTL_MS < (opts.now ?? Date.now()))
    throw new AppError("not_found", "oauth.attemptExpired");
  const candidates = (row.candidates ?? []) as Candidate[];
  const picked = candidates.filter((c) => opts.externalIds.includes(`${c.platform}:${c.externalId}`));
  if (picked.length === 0 || picked.length !== opts.externalIds.length)
    throw new AppError("validation", "oauth.pickAccount", { field: "externalIds" });
  const tokens = JSON.parse(decryptSecret(row.tokenSetEnc!, { organizationId: row.organizationId, recordId: row.id, field: "tokenSet" })) as TokenSet & {
    expiresAt?: string;
    refreshExpiresAt?: string;
  };
  const ids: string[] = [];
  for (const c of picked) {
    const t = await resolveAccountTokens(row.provider as ProviderId, c, tokens, opts.fetch);
    ids.push(await upsertAccount({ organizationId: opts.organizationId, userId: opts.userId, candidate: c, tokens: t }));
  }
  await db().oAuthState.update({ where: { id: row.id }, data: { tokenSetEnc: null, candidates: [] } });
  return { accountIds: ids };
}

async function upsertAccount(opts: {
  organizationId: string;
  userId: string;
  candidate: Candidate;
  tokens: { accessToken: string; refreshToken?: string; expiresAt?: Date | string; refreshExpiresAt?: Date | string; scopes?: string[] };
}): Promise<string> {
  const { candidate: c, tokens: t } = opts;
  const platform = PLATFORM_ENUM[c.platform as PlatformKey];
  const existing = await db().socialAccount.findUnique({
    where: { organizationId_platform_externalId: { organizationId: opts.organizationId, platform, externalId: c.externalId } },
    select: { id: true },
  });
  const id = existing?.id ?? `sa_${randomBytes(12).toString("hex")}`;
  const enc = {
    accessTokenEnc: encryptAccountToken(opts.organizationId, id, "accessToken", t.accessToken),
    refreshTokenEnc: t.refreshToken ? encryptAccountToken(opts.organizationId, id, "refreshToken", t.refreshToken) : null,
    tokenExpiresAt: t.expiresAt ? new Date(t.expiresAt) : null,
    refreshExpiresAt: t.refreshExpiresAt ? new Date(t.refreshExpiresAt) : null,
    scopes: t.scopes ?? [],
    status: "ACTIVE" as const,
    statusMessage: null,
    disconnectedAt: null,
    isSandbox: false,
    name: c.name,
    handle: c.handle ?? null,
    metadata: c.metadata as object,
    lastHealthCheckAt: new Date(),
  };
  if (existing) await db().socialAccount.update({ where: { id }, data: { ...enc, tokenVersion: { increment: 1 }, refreshLeaseUntil: null } });
  else
    await db().socialAccount.create({
      data: { id, organizationId: opts.organizationId, platform, externalId: c.externalId, connectedById: opts.userId, ...enc },
    });
  return id;
}

/** Disconnect: forget the tokens (the row stays for history), status DISCONNECTED. */
export async function disconnectAccount(opts: { organizationId: string; accountId: string }): Promise<void> {
  const res = await db().socialAccount.updateMany({
    where: { id: opts.accountId, organizationId: opts.organizationId },
    data: {
      status: "DISCONNECTED",
      accessTokenEnc: null,
      refreshTokenEnc: null,
      tokenExpiresAt: null,
      refreshExpiresAt: null,
      disconnectedAt: new Date(),
      tokenVersion: { increment: 1 },
    },
  });
  if (res.count === 0) throw notFound("account");
}

export { ConnectorError };
