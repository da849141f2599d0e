import "server-only";
import { db } from "@/lib/db/client";
import { markFailed, platformOf, type FailureReason, type PublishOutcome } from "./publish-publication";

/**
 * Give up on a publication that is not POSTED / CANCELLED / FAILED yet (the workflow ran out of
 * retries, or processing never finished). Records the reason on the row and the timeline.
 * errorCode "gave_up" (the default): `errorMessage` is the workflow's last error.
 */
export async function failPublication(opts: { organizationId: string; publicationId: string; errorMessage: string; errorCode?: string; now?: () => number }): Promise<PublishOutcome> {
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId },
    select: { id: true, organizationId: true, platform: true, status: true, attempts: true, maxAttempts: true, platformPostId: true, platformPostUrl: true },
  });
  if (!pub) return { outcome: "skipped", reason: "missing" };
  if (pub.status === "POSTED") return { outcome: "posted", platform: pub.platform.toLowerCase(), platformPostId: pub.platformPostId!, platformPostUrl: pub.platformPostUrl, already: true };
  if (pub.status === "CANCELLED") return { outcome: "skipped", reason: "cancelled" };
  const errorCode = opts.errorCode ?? "gave_up";
  // The caller's wording stays the English line; a known code gets its own translated line.
  const values = { platform: platformOf(pub.platform), message: opts.errorMessage };
  const reason: FailureReason =
    errorCode === "processing_timeout" ? { key: "processingTimeout", values }
      : errorCode === "gave_up" ? { key: "workflowGaveUp", values: { platform: values.platform, error: opts.errorMessage } }
        : { key: "failed", values };
  return markFailed({ pub, attemptId: null, now: new Date((opts.now ?? Date.now)()), errorCode, reason });
}
