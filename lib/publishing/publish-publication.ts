import "server-only";
import { RetryAfterError } from "inngest";
import { db } from "@/lib/db/client";
import { isConnectorError } from "@/lib/connectors/errors";
import { platformKeyOf, type PlatformConnector, type PlatformEnum, type PublishResult, type SocialPlatform } from "@/lib/connectors/types";
import { connectorContextOf } from "@/lib/oauth/tokens";
import { defaultPublishingDeps, type PublishingDeps } from "./deps";
import { loadPublishInput } from "./load-publish-input";
import { leaseDuePublication, loadPublishingAccount, loadPublishRevision, markPublicationPosted, renewPublicationLease, startAttempt, type LeasedPublication } from "./publish-sql";
import { refreshTokenBeforePublishing } from "./refresh-token-before-publishing";
import { publishRetryDelayMs } from "./retry-schedule";
import { timelineEnglish, timelineRow, type TimelineMessage } from "./timeline";

/**
 * The exactly-once core of MKT-107. Safe to call any number of times, concurrently:
 * 1. the ledger first: POSTED (or a stored platformPostId) ends here without calling the platform;
 * 2. a lease on the row (status + lockedUntil) lets one caller at a time through, renewed while it
 *    works (./deps.ts PUBLISH_LEASE_MS); the others are told to retry when the lease ends
 *    (RetryAfterError), by which time the row says POSTED;
 * 3. only the publication's approved, current network version (revision) is sent: anything else is
 *    FAILED with errorCode not_approved and the platform is never called (issue 9);
 * 4. one connector call per attempt, with the publication's idempotency key; each attempt is a
 *    PublicationAttempt row and timeline events (Uploading -> Processing -> Posted / Failed);
 * 5. failures: rate limited -> wait until the platform's reset; transient -> exponential backoff
 *    while attempts remain; anything else, or the last attempt -> FAILED with the platform's message.
 */
export type PublishOutcome =
  | { outcome: "posted"; platform: string; platformPostId: string; platformPostUrl: string | null; already: boolean }
  | { outcome: "processing"; checkAfterSeconds: number }
  | { outcome: "failed"; platform: string; errorCode: string | null; errorMessage: string; attempts: number }
  | { outcome: "skipped"; reason: "missing" | "cancelled" | "superseded" | "not_due" };

export type PublishPublicationOptions = {
  organizationId: string;
  publicationId: string;
  /** The scheduledAt the caller was woken for: a moved publication is left to its new run. */
  expectedScheduledAt?: string;
  runId?: string;
  deps?: PublishingDeps;
};

const pubSelect = {
  id: true, organizationId: true, platform: true, status: true, scheduledAt: true, attempts: true, maxAttempts: true, lockedUntil: true,
  platformPostId: true, platformPostUrl: true, remoteContainerId: true, errorCode: true, errorMessage: true, socialAccountId: true,
  socialAccount: { select: { isSandbox: true, rateLimitedUntil: true } },
} as const;

export const platformOf = (p: string) => platformKeyOf(p as PlatformEnum) as SocialPlatform;

export function connectorFor(deps: PublishingDeps, account: { platform: string; isSandbox: boolean }): PlatformConnector {
  return deps.registry.forAccount({ platform: platformOf(account.platform), isSandbox: account.isSandbox }) as PlatformConnector;
}

export async function publishPublication(opts: PublishPublicationOptions): Promise<PublishOutcome> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const where = { id: opts.publicationId, organizationId: opts.organizationId };
  const now = new Date(deps.now());

  // Fast path: take the lease in one statement when the row is due, free and unposted; the
  // attempt counter moves with it. Anything else (posted, cancelled, moved, leased by another
  // caller, not due) is sorted out by reading the row.
  const pub = await leaseDuePublication({ ...where, expectedScheduledAt: opts.expectedScheduledAt ? new Date(opts.expectedScheduledAt) : undefined, now, leaseMs: deps.leaseMs });
  if (!pub) return whyNotLeased(opts, where, now);
  // Renewed while this caller works on it (./deps.ts PUBLISH_LEASE_MS): held for as long as the platform takes.
  const renewal = setInterval(() => {
    void renewPublicationLease({ id: pub.id, attempts: pub.attempts, until: new Date(deps.now() + deps.leaseMs) }).catch(() => undefined);
  }, deps.leaseRenewMs);
  renewal.unref();
  try {
    return await publishLeased(opts, pub, now, deps);
  } finally {
    clearInterval(renewal);
  }
}

async function publishLeased(opts: PublishPublicationOptions, pub: LeasedPublication, now: Date, deps: PublishingDeps): Promise<PublishOutcome> {
  // Issue 9: only a network version a person approved (or the brand's auto-approve), and that nothing
  // replaced since, goes out; anything else is refused here, before the platform is called.
  const revision = pub.revisionId ? await loadPublishRevision(pub.revisionId, pub.organizationId) : undefined;
  if (!revision || !revision.approved || revision.superseded || revision.platform !== pub.platform)
    return markFailed({ pub, attemptId: null, now, errorCode: "not_approved", reason: { key: "notApproved", values: { platform: platformOf(pub.platform) } } });

  const account = await loadPublishingAccount(pub.socialAccountId, pub.organizationId);
  if (!account) return markFailed({ pub, attemptId: null, now, errorCode: "account_missing", reason: { key: "accountMissing", values: { platform: platformOf(pub.platform) } } });
  // Per-platform rate limit recorded on the account: give the lease back and wait for the reset
  // without calling the platform (the attempt is not counted).
  const limitedUntil = account.rateLimitedUntil;
  if (limitedUntil && limitedUntil.getTime() > now.getTime()) {
    await db().$transaction([
      db().publication.updateMany({ where: { id: pub.id, status: "UPLOADING" }, data: { status: "SCHEDULED", lockedUntil: null, attempts: { decrement: 1 }, nextAttemptAt: limitedUntil } }),
      db().publicationEvent.createMany({ data: [timelineRow({ organizationId: pub.organizationId, publicationId: pub.id, level: "WARN", key: "accountRateLimited", values: { platform: platformOf(pub.platform), retryAt: limitedUntil.toISOString() }, payload: { retryAt: limitedUntil.toISOString() }, at: now })] }),
    ]);
    throw new RetryAfterError(`${platformOf(pub.platform)} rate limit until ${limitedUntil.toISOString()}`, limitedUntil);
  }
  await refreshTokenBeforePublishing({ pub, account, deps });

  const attemptNumber = pub.attempts;
  const platform = platformOf(pub.platform);
  // Ledger: an attempt that never recorded its outcome (crash mid-call) is closed as unknown; the
  // retry carries the same idempotency key so a platform that honours it will not post twice.
  const interrupted =
    attemptNumber > 1
      ? await db().publicationAttempt.updateMany({
          where: { publicationId: pub.id, status: "RUNNING" },
          data: { status: "FAILED", finishedAt: now, errorCode: "interrupted", errorMessage: "the attempt ended without recording a result", retryable: true },
        })
      : { count: 0 };
  const attemptId = await startAttempt({
    pub,
    attemptNumber,
    now,
    runId: opts.runId ?? null,
    lines: [
      ...(interrupted.count > 0 ? [{ organizationId: pub.organizationId, publicationId: pub.id, level: "WARN" as const, key: "interrupted" as const, values: {}, at: now }] : []),
      { organizationId: pub.organizationId, publicationId: pub.id, status: "UPLOADING" as const, key: "uploading" as const, values: { platform, attempt: attemptNumber, max: pub.maxAttempts }, payload: { attempt: attemptNumber }, at: now },
    ],
  });

  let result: PublishResult;
  try {
    const ctx = connectorContextOf(account, deps.refresh);
    const input = await loadPublishInput(pub, revision);
    result = await connectorFor(deps, { platform: pub.platform, isSandbox: account.isSandbox }).publish(ctx, input);
  } catch (err) {
    return handleFailure({ pub, attemptId, attemptNumber, err, deps });
  }
  return applyResult({ pub, attemptId, result, deps, after: now });
}

/** The lease was not taken: say why from the row (and repair a post the ledger already knows). */
async function whyNotLeased(opts: PublishPublicationOptions, where: { id: string; organizationId: string }, now: Date): Promise<PublishOutcome> {
  const pub = await db().publication.findFirst({ where, select: pubSelect });
  if (!pub) return { outcome: "skipped", reason: "missing" };
  if (pub.status === "POSTED") return postedOutcome(pub, true);
  if (pub.status === "CANCELLED") return { outcome: "skipped", reason: "cancelled" };
  // A replay after markFailed committed (crash before the step's checkpoint, or an announcement that
  // threw) gets the failure again from the row, so the caller announces it again (idempotent).
  if (pub.status === "FAILED") return failedOutcome(pub);
  if (opts.expectedScheduledAt && pub.scheduledAt.getTime() !== new Date(opts.expectedScheduledAt).getTime()) return { outcome: "skipped", reason: "superseded" };
  if (pub.status === "PROCESSING") return { outcome: "processing", checkAfterSeconds: 0 };
  if (pub.scheduledAt.getTime() > now.getTime() + 1_000) return { outcome: "skipped", reason: "not_due" };
  if (pub.platformPostId) return markPosted({ pub, remoteId: pub.platformPostId, url: pub.platformPostUrl, now, attemptId: null, recovered: true });
  const until = pub.lockedUntil && pub.lockedUntil > now ? pub.lockedUntil : new Date(now.getTime() + 5_000);
  throw new RetryAfterError("another worker is publishing this publication", until);
}

type Pub = { id: string; organizationId: string; platform: string; attempts: number; maxAttempts: number; platformPostId: string | null; platformPostUrl: string | null };

function postedOutcome(pub: Pub, already: boolean): PublishOutcome {
  return { outcome: "posted", platform: platformOf(pub.platform), platformPostId: pub.platformPostId!, platformPostUrl: pub.platformPostUrl, already };
}

/** A FAILED row's outcome, as markFailed returned it: its stored error. */
export function failedOutcome(pub: { platform: string; attempts: number; errorCode: string | null; errorMessage: string | null }): PublishOutcome {
  return { outcome: "failed", platform: platformOf(pub.platform), errorCode: pub.errorCode, errorMessage: pub.errorMessage ?? "", attempts: pub.attempts };
}

/** Apply a connector answer (publish or status poll) to the row, the attempt and the timeline. */
export async function applyResult(o: { pub: Pub; attemptId: string | null; result: PublishResult; deps: PublishingDeps; after?: Date }): Promise<PublishOutcome> {
  const now = new Date(o.deps.now());
  const r = o.result;
  if (r.state === "published") return markPosted({ pub: o.pub, remoteId: r.remoteId, url: r.url, now, attemptId: o.attemptId, after: o.after });
  if (r.state === "pending") {
    await db().$transaction([
      db().publication.update({ where: { id: o.pub.id }, data: { status: "PROCESSING", remoteContainerId: r.pollToken, lockedUntil: null } }),
      db().publicationEvent.createMany({ data: [timelineRow({ organizationId: o.pub.organizationId, publicationId: o.pub.id, attemptId: o.attemptId, status: "PROCESSING", key: "processing", values: { platform: platformOf(o.pub.platform) }, payload: { pollToken: r.pollToken, ...(r.detail ? { platformStatus: r.detail } : {}) }, at: now })] }),
    ]);
    return { outcome: "processing", checkAfterSeconds: r.checkAfterSeconds };
  }
  return markFailed({ pub: o.pub, attemptId: o.attemptId, now, errorCode: r.platformCode ?? null, reason: { key: "failed", values: { platform: platformOf(o.pub.platform), message: r.reason } } });
}

/** POSTED, the attempt SUCCEEDED and the "Posted" line (one statement; see publish-sql.ts). */
async function markPosted(o: { pub: Pub; remoteId: string; url: string | null; now: Date; attemptId: string | null; recovered?: boolean; after?: Date }): Promise<PublishOutcome> {
  // Strictly after the attempt's "Uploading" line, so the timeline order never depends on ids.
  const at = o.after && o.now.getTime() <= o.after.getTime() ? new Date(o.after.getTime() + 1) : o.now;
  const line: TimelineMessage = { key: o.recovered ? "postedRecovered" : "posted", values: { platform: platformOf(o.pub.platform) } };
  const written = await markPublicationPosted({ id: o.pub.id, attemptId: o.attemptId, remoteId: o.remoteId, url: o.url, at, line });
  if (!written) {
    const row = await db().publication.findUniqueOrThrow({ where: { id: o.pub.id }, select: { platform: true, platformPostId: true, platformPostUrl: true, status: true } });
    if (row.status === "POSTED") return { outcome: "posted", platform: platformOf(row.platform), platformPostId: row.platformPostId!, platformPostUrl: row.platformPostUrl, already: true };
    return { outcome: "skipped", reason: "cancelled" };
  }
  return { outcome: "posted", platform: platformOf(o.pub.platform), platformPostId: o.remoteId, platformPostUrl: o.url, already: false };
}

/** Why a publication failed: the row's errorMessage is its English line (timeline.ts). */
export type FailureReason = Extract<TimelineMessage, { key: "failed" | "failedGaveUp" | "accountMissing" | "processingTimeout" | "workflowGaveUp" | "notApproved" }>;

export async function markFailed(o: { pub: Pub; attemptId: string | null; now: Date; errorCode: string | null; reason: FailureReason; httpStatus?: number }): Promise<PublishOutcome> {
  const errorMessage = timelineEnglish(o.reason);
  await db().$transaction(async (tx) => {
    const res = await tx.publication.updateMany({
      where: { id: o.pub.id, status: { notIn: ["POSTED", "CANCELLED", "FAILED"] } },
      data: { status: "FAILED", lockedUntil: null, nextAttemptAt: null, errorCode: o.errorCode, errorMessage: errorMessage.slice(0, 2000) },
    });
    if (o.attemptId) await tx.publicationAttempt.updateMany({ where: { id: o.attemptId }, data: { status: "FAILED", finishedAt: o.now, errorCode: o.errorCode, errorMessage: errorMessage.slice(0, 2000), retryable: false, httpStatus: o.httpStatus ?? null } });
    else await tx.publicationAttempt.updateMany({ where: { publicationId: o.pub.id, status: "RUNNING" }, data: { status: "FAILED", finishedAt: o.now, errorCode: o.errorCode, errorMessage: errorMessage.slice(0, 2000), retryable: false } });
    if (res.count > 0) {
      await tx.publicationEvent.create({
        data: timelineRow({ organizationId: o.pub.organizationId, publicationId: o.pub.id, attemptId: o.attemptId, level: "ERROR", status: "FAILED", ...o.reason, payload: { errorCode: o.errorCode, httpStatus: o.httpStatus ?? null }, at: o.now }),
      });
    }
  });
  return { outcome: "failed", platform: platformOf(o.pub.platform), errorCode: o.errorCode, errorMessage, attempts: o.pub.attempts };
}

async function handleFailure(o: { pub: Pub; attemptId: string; attemptNumber: number; err: unknown; deps: PublishingDeps }): Promise<PublishOutcome> {
  const now = new Date(o.deps.now());
  const ce = isConnectorError(o.err) ? o.err : null;
  const message = o.err instanceof Error ? o.err.message : String(o.err);
  const errorCode = ce ? (ce.platformCode ?? ce.kind) : "internal";
  const httpStatus = ce?.httpStatus;
  // Unknown errors (our bugs, the database) are retried like transient platform errors.
  const retriable = ce ? ce.retriable : true;
  if (!retriable || o.attemptNumber >= o.pub.maxAttempts) {
    const platform = platformOf(o.pub.platform);
    const reason: FailureReason = !retriable ? { key: "failed", values: { platform, message } } : { key: "failedGaveUp", values: { platform, message, attempts: o.attemptNumber } };
    return markFailed({ pub: o.pub, attemptId: o.attemptId, now, errorCode, reason, httpStatus });
  }
  const rateLimited = ce?.kind === "rate_limited";
  const retryAt = rateLimited
    ? new Date(Math.max(ce?.retryAt?.getTime() ?? now.getTime() + 60_000, now.getTime() + 1_000))
    : new Date(now.getTime() + publishRetryDelayMs(o.attemptNumber, o.deps.retryBaseMs));
  await db().$transaction([
    db().publication.update({ where: { id: o.pub.id }, data: { status: "SCHEDULED", lockedUntil: null, nextAttemptAt: retryAt, errorCode, errorMessage: message.slice(0, 2000) } }),
    db().publicationAttempt.update({ where: { id: o.attemptId }, data: { status: "FAILED", finishedAt: now, errorCode, errorMessage: message.slice(0, 2000), retryable: true, httpStatus: httpStatus ?? null } }),
    db().publicationEvent.createMany({
      data: [timelineRow({
        organizationId: o.pub.organizationId, publicationId: o.pub.id, attemptId: o.attemptId, level: "WARN", status: "SCHEDULED",
        ...(rateLimited
          ? { key: "rateLimited" as const, values: { platform: platformOf(o.pub.platform), message, retryAt: retryAt.toISOString() } }
          : { key: "attemptFailed" as const, values: { platform: platformOf(o.pub.platform), attempt: o.attemptNumber, message, retryAt: retryAt.toISOString() } }),
        payload: { errorCode, httpStatus: httpStatus ?? null, retryAt: retryAt.toISOString(), rateLimited },
        at: now,
      })],
    }),
  ]);
  throw new RetryAfterError(message, retryAt);
}
