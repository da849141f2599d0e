import "server-only";
import { db } from "@/lib/db/client";
import { isConnectorError } from "@/lib/connectors/errors";
import { connectorContextFor } from "@/lib/oauth/tokens";
import { defaultPublishingDeps, type PublishingDeps } from "./deps";
import { applyResult, connectorFor, failedOutcome, markFailed, platformOf, type PublishOutcome } from "./publish-publication";

/**
 * While a publication is PROCESSING (Instagram container, TikTok publish_id, sandbox video), ask the
 * platform where it is. Published -> POSTED; failed -> FAILED with the platform's reason; still
 * pending -> "processing" (the caller sleeps and asks again). Transient errors are thrown (retried).
 */
export async function checkPublicationStatus(opts: { organizationId: string; publicationId: string; deps?: PublishingDeps }): Promise<PublishOutcome> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId },
    select: { id: true, organizationId: true, platform: true, status: true, attempts: true, maxAttempts: true, platformPostId: true, platformPostUrl: true, errorCode: true, errorMessage: true, remoteContainerId: true, socialAccountId: true, socialAccount: { select: { isSandbox: true } } },
  });
  if (!pub) return { outcome: "skipped", reason: "missing" };
  if (pub.status === "POSTED") return { outcome: "posted", platform: pub.platform.toLowerCase(), platformPostId: pub.platformPostId!, platformPostUrl: pub.platformPostUrl, already: true };
  if (pub.status === "CANCELLED") return { outcome: "skipped", reason: "cancelled" };
  // A replayed poll step whose markFailed committed: the failure again, so it is announced again.
  if (pub.status === "FAILED") return failedOutcome(pub);
  if (pub.status !== "PROCESSING" || !pub.remoteContainerId) return { outcome: "skipped", reason: "not_due" };
  try {
    const ctx = await connectorContextFor(pub.socialAccountId, pub.organizationId, deps.refresh);
    const result = await connectorFor(deps, { platform: pub.platform, isSandbox: pub.socialAccount.isSandbox }).getPublicationStatus(ctx, pub.remoteContainerId);
    if (result.state === "pending") return { outcome: "processing", checkAfterSeconds: result.checkAfterSeconds };
    return applyResult({ pub, attemptId: null, result, deps });
  } catch (err) {
    if (isConnectorError(err) && !err.retriable) {
      return markFailed({ pub, attemptId: null, now: new Date(deps.now()), errorCode: err.platformCode ?? err.kind, reason: { key: "failed", values: { platform: platformOf(pub.platform), message: err.message } }, httpStatus: err.httpStatus });
    }
    throw err;
  }
}
