import type { ConnectionDto } from "@/lib/oauth/connections";
import type { Candidate } from "@/lib/oauth/discover";
import type { ProviderId } from "@/lib/oauth/providers";
import type { PlatformKey } from "@/lib/connectors/types";

export type { ConnectionDto, Candidate, ProviderId, PlatformKey };
export type ProviderDto = { id: ProviderId; label: string; mode: "oauth" | "sandbox"; platforms: PlatformKey[] };
export type ConnectionsResponse = { accounts: ConnectionDto[]; providers: ProviderDto[] };
export type StartResponse = { mode: "oauth"; authorizationUrl: string } | { mode: "sandbox"; accountIds: string[] };
export type PendingResponse = { provider: ProviderId; candidates: Candidate[] };

/** PlatformBadge and the domain messages use the database enum names (FACEBOOK, META_ADS…). */
export const platformEnum = (p: PlatformKey) => p.toUpperCase();
