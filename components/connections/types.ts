import type { PlatformKey } from "@/lib/connectors/types";
import type { Candidate, ConnectionDto, ConnectionProviderDto, ProviderId } from "@/lib/oauth/contracts";

export type { ConnectionDto, Candidate, ConnectionProviderDto as ProviderDto, ProviderId, PlatformKey };

/** PlatformBadge and the domain messages use the database enum names (FACEBOOK, META_ADS…). */
export const platformEnum = (p: PlatformKey) => p.toUpperCase();
