import "server-only";
import { db } from "@/lib/db/client";
import { isConnectorError } from "@/lib/connectors/errors";
import { connectorContextFor } from "@/lib/oauth/tokens";
import { defaultPublishingDeps, type PublishingDeps } from "./deps";
import { applyResult, connectorFor, markFailed, platformOf, type PublishOutcome } from "./publish-publication";

/**
 * While a publication is PROCESSING (Instagram container, TikTok publish_id, sandbox video), ask the
 * platform where it is. Published -> POSTED; failed -> FAILED with the platform's reason; still
 * pending -> "processing" (the caller sleeps and asks again). Transient errors are thrown (retried).
 */
export async function checkPublicationStatus(opts: { organizationId: string; publicationId: string; deps?: PublishingDeps }): Promise<PublishOutcome> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId },
    select: { id: true, organizationId: true, platform: true, status: true, attempts: true, maxAttempts: true, platformPostId: true, platformPostUrl: true, remoteContainerId: true, socialAccountId: true, socialAccount: { select: { isSandbox: true } } },
  });
  if (!pub) return { outcome: "skipped", reason: "missing" };
  if (pub.status === "POSTED") return { outcome: "posted", platform: pub.platform.toLowerCase(), platformPostId: pub.platformPostId!, platformPostUrl: pub.platformPostUrl, already: true };
  if (pub.status === "CANCELLED") return { outcome: "skipped", reason: "cancelled" };
  if (pub.status === "FAILED") return { outcome: "skipped", reason: "already_failed" };
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
