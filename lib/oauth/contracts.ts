import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { AD_PLATFORMS, SOCIAL_PLATFORMS } from "@/lib/connectors/types";

/** Settings -> Connections (OAuth consent, account picker, sandbox accounts): endpoints and DTOs. */

export const PROVIDER_IDS = ["linkedin", "meta", "tiktok", "x", "google"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

const platformKey = z.enum([...SOCIAL_PLATFORMS, ...AD_PLATFORMS]);

export const connectionDto = z
  .object({
    id: z.string(),
    platform: platformKey,
    name: z.string(),
    handle: z.string().nullable(),
    isSandbox: z.boolean(),
    status: z.enum(["ACTIVE", "RECONNECT_REQUIRED", "ERROR", "DISCONNECTED"]),
    statusMessage: z.string().nullable(),
    health: z.enum(["healthy", "expiring", "rate_limited", "reconnect_required", "disconnected", "error"]),
    tokenExpiresAt: isoDateTime().nullable(),
    rateLimitedUntil: isoDateTime().nullable(),
    lastRefreshedAt: isoDateTime().nullable(),
  })
  .meta({ id: "Connection" });
export type ConnectionDto = z.infer<typeof connectionDto>;

export const connectionProviderDto = z
  .object({ id: z.enum(PROVIDER_IDS), label: z.string(), mode: z.enum(["oauth", "sandbox"]), platforms: z.array(platformKey) })
  .meta({ id: "ConnectionProvider" });
export type ConnectionProviderDto = z.infer<typeof connectionProviderDto>;

/** An account offered after consent (a Page, an Instagram account, an ad account, a number). */
export const candidateDto = z
  .object({ platform: platformKey, externalId: z.string(), name: z.string(), handle: z.string().nullable().optional(), metadata: z.record(z.string(), z.unknown()) })
  .meta({ id: "AccountCandidate" });
export type Candidate = z.infer<typeof candidateDto>;

export const startConnectionSchema = z.strictObject({
  provider: z.enum(PROVIDER_IDS),
  returnTo: z.string().max(512).optional(),
  reconnectAccountId: z.string().max(64).optional(),
});
export const confirmSelectionSchema = z.strictObject({
  externalIds: z.array(z.string().min(1).max(200)).min(1).max(50).meta({ description: '"<platform>:<externalId>" of each picked candidate' }),
});

const tag = "Connections";

export const listConnectionsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/connections",
  tag,
  access: "org",
  summary: "Connected accounts with their health, and what each Connect button will do",
  response: z.object({ accounts: z.array(connectionDto), providers: z.array(connectionProviderDto) }),
});

export const startConnectionEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/connections",
  tag,
  access: "org",
  permission: "manageConnections",
  summary: "Connect a provider: its authorization URL (and a browser-binding cookie), or sandbox accounts when it has no credentials",
  body: startConnectionSchema,
  response: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("sandbox"), accountIds: z.array(z.string()) }),
    z.object({ mode: z.literal("oauth"), authorizationUrl: z.string() }),
  ]),
  status: 201,
});

export const disconnectAccountEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/connections/{accountId}",
  tag,
  access: "org",
  permission: "manageConnections",
  summary: "Disconnect an account (its tokens are forgotten)",
  response: z.object({ ok: z.literal(true) }),
});

export const listCandidatesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/connections/pending/{stateId}",
  tag,
  access: "org",
  permission: "manageConnections",
  summary: "The accounts offered after consent",
  response: z.object({ provider: z.string(), candidates: z.array(candidateDto) }),
});

export const confirmSelectionEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/connections/pending/{stateId}",
  tag,
  access: "org",
  permission: "manageConnections",
  summary: "Connect the picked accounts",
  body: confirmSelectionSchema,
  response: z.object({ accountIds: z.array(z.string()) }),
  status: 201,
});

export const oauthCallbackEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/oauth/{provider}/callback",
  tag,
  access: "signature",
  summary: "Where the provider sends the browser back (state, PKCE and browser binding checked); 303 to the account picker",
  query: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_description: z.string().optional(), iss: z.string().optional() }),
  produces: "redirect",
  status: 303,
});
