import type { Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { publicationScheduled } from "@/inngest/events";
import { env } from "@/lib/env";
import { checkPublicationStatus } from "@/lib/publishing/check-publication-status";
import { failPublication } from "@/lib/publishing/fail-publication";
import { notifyPublicationFailed } from "@/lib/publishing/notify-publication-failed";
import { publishPublication, type PublishOutcome } from "@/lib/publishing/publish-publication";
import { refreshPublicationToken } from "@/lib/publishing/refresh-publication-token";

/** Status polls while the platform processes a video / container (5-60 s apart: up to ~1 h). */
const MAX_POLLS = 60;
const pollDelay = (s: number) => `${Math.min(60, Math.max(5, Math.round(s)))}s`;

/**
 * MKT-107: one run per scheduled publication. Sleeps durably until scheduledAt (a reschedule or a
 * cancellation ends the wait), refreshes a token about to expire, publishes exactly once (lease +
 * ledger in lib/publishing), polls while the platform processes, then announces posted / failed and
 * tells the admins about a final failure. Retries: PUBLISH_MAX_ATTEMPTS; the publish step decides
 * the backoff (RetryAfterError at nextAttemptAt) and the last attempt itself.
 */
export function buildMkt107Publish(client: Inngest) {
  return client.createFunction(
    {
      id: "mkt-107-publish",
      name: "MKT-107: publish a scheduled publication",
      triggers: [publicationScheduled],
      // The SDK types retries as a literal 0..20; lib/env.ts bounds the setting to 1..20.
      retries: env().PUBLISH_MAX_ATTEMPTS as 20,
      concurrency: [{ key: "event.data.organizationId", limit: 10 }],
      cancelOn: [
        // A reschedule ends the wait of runs for another time (not the run it starts itself).
        { event: "publication/rescheduled", match: "data.publicationId", if: "async.data.scheduledAt != event.data.scheduledAt" },
        { event: "publication/cancelled", match: "data.publicationId" },
      ],
      onFailure: async ({ event, error, step }) => {
        const data = event.data.event.data as { organizationId: string; publicationId: string };
        const r = await step.run("mark-failed", () => failPublication({ ...data, errorMessage: `Publishing workflow gave up: ${error.message}` }));
        if (r.outcome === "failed") await step.run("notify-admins", () => notifyPublicationFailed(data));
      },
    },
    async ({ event, step, runId }) => {
      const { organizationId, publicationId, scheduledAt } = event.data;
      await step.sleepUntil("wait-until-scheduled", scheduledAt);
      await step.run("refresh-token-if-needed", () => refreshPublicationToken({ organizationId, publicationId }));
      let result: PublishOutcome = await step.run("publish", () => publishPublication({ organizationId, publicationId, expectedScheduledAt: scheduledAt, runId }));
      for (let i = 0; result.outcome === "processing" && i < MAX_POLLS; i++) {
        await step.sleep(`wait-processing-${i}`, pollDelay(result.checkAfterSeconds));
        result = await step.run(`poll-status-${i}`, () => checkPublicationStatus({ organizationId, publicationId }));
      }
      if (result.outcome === "processing") {
        result = await step.run("give-up-processing", () => failPublication({ organizationId, publicationId, errorCode: "processing_timeout", errorMessage: "The platform was still processing the post after an hour" }));
      }
      if (result.outcome === "posted" && !result.already) {
        const posted = result;
        await step.sendEvent("emit-posted", {
          name: "publication/posted",
          data: { organizationId, publicationId, platform: posted.platform, platformPostId: posted.platformPostId, ...(posted.platformPostUrl ? { platformPostUrl: posted.platformPostUrl } : {}) },
        });
      }
      if (result.outcome === "failed") {
        const failed = result;
        await step.sendEvent("emit-failed", {
          name: "publication/failed",
          data: { organizationId, publicationId, platform: failed.platform, ...(failed.errorCode ? { errorCode: failed.errorCode } : {}), errorMessage: failed.errorMessage },
        });
        await step.run("notify-admins", () => notifyPublicationFailed({ organizationId, publicationId }));
      }
      return result;
    },
  );
}

export const mkt107Publish = buildMkt107Publish(inngest);
