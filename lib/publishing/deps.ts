import "server-only";
import { env } from "@/lib/env";
import { createRegistry, type ConnectorRegistry } from "@/lib/connectors/registry";
import { defaultRuntime } from "@/lib/connectors/http";
import { defaultRefreshDeps, type RefreshDeps } from "@/lib/oauth/refresh";
import { inngest } from "@/inngest/client";

/**
 * What the publishing use cases need from the outside world, injectable for tests and benchmarks.
 * The connectors make ONE call per attempt (maxAttempts 1, no in-process rate-limit wait): retries
 * belong to the durable layer, so every attempt is on the ledger and the timeline.
 */
export type PublishingEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };

export interface PublishingDeps {
  registry: ConnectorRegistry;
  refresh: RefreshDeps;
  now: () => number;
  maxAttempts: number;
  retryBaseMs: number;
  /**
   * The publishing lease (./publish-publication.ts): taken for `leaseMs`, renewed every `leaseRenewMs`
   * while this process works on the publication.
   */
  leaseMs: number;
  leaseRenewMs: number;
  /** Sends workflow events (publication/scheduled, rescheduled, cancelled). */
  send: (events: PublishingEvent[]) => Promise<unknown>;
}

let cached: ConnectorRegistry | undefined;
function publishingRegistry(): ConnectorRegistry {
  return (cached ??= createRegistry({ ...defaultRuntime(), maxAttempts: 1, maxRateLimitWaitMs: 0 }));
}

export function defaultPublishingDeps(overrides: Partial<PublishingDeps> = {}): PublishingDeps {
  const e = env();
  const registry = overrides.registry ?? publishingRegistry();
  return {
    registry,
    refresh: { ...defaultRefreshDeps(), registry },
    now: () => Date.now(),
    maxAttempts: e.PUBLISH_MAX_ATTEMPTS,
    retryBaseMs: e.PUBLISH_RETRY_BASE_MS,
    leaseMs: PUBLISH_LEASE_MS,
    leaseRenewMs: PUBLISH_LEASE_RENEW_MS,
    send: async (events) => (events.length ? inngest.send(events as never) : undefined),
    ...overrides,
  };
}

/**
 * A caller holds a publication's lease (status UPLOADING + lockedUntil) while it publishes, renewing it
 * every PUBLISH_LEASE_RENEW_MS however long the platform takes: the others are told to come back when
 * it ends, so a live caller is never doubled. A caller that died stops renewing, and its lease is free
 * within PUBLISH_LEASE_MS; the retry then carries the same idempotency key. (The first version took a
 * fixed 2-minute lease: long enough for any platform call, but a crash mid-publish held the post for 2
 * minutes.)
 */
export const PUBLISH_LEASE_MS = 30_000;
export const PUBLISH_LEASE_RENEW_MS = 10_000;

/** Event id that makes "publication X is due at T" one run, however often it is sent. */
export const scheduledEventId = (publicationId: string, scheduledAt: Date | string) =>
  `publication-scheduled-${publicationId}-${new Date(scheduledAt).toISOString()}`;

/**
 * `publication/scheduled` for MKT-107, with `ts` = the publication time: Inngest (and the embedded
 * executor) start the run at that time instead of now, so no run sits in a sleep step until then.
 */
export function publicationScheduledEvent(p: { organizationId: string; publicationId: string; scheduledAt: Date | string }, id = scheduledEventId(p.publicationId, p.scheduledAt)) {
  const scheduledAt = new Date(p.scheduledAt);
  return {
    id,
    name: "publication/scheduled" as const,
    data: { organizationId: p.organizationId, publicationId: p.publicationId, scheduledAt: scheduledAt.toISOString() },
    ts: scheduledAt.getTime(),
  };
}
