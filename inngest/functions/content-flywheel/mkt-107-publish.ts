import type { Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { publicationScheduled } from "@/inngest/events";
import { env } from "@/lib/env";
import { announcePublicationOutcome } from "@/lib/publishing/announce-outcome";
import { checkPublicationStatus } from "@/lib/publishing/check-publication-status";
import { defaultPublishingDeps } from "@/lib/publishing/deps";
import { failPublication } from "@/lib/publishing/fail-publication";
import { notifyPublicationFailed } from "@/lib/publishing/notify-publication-failed";
import { publishPublication, type PublishOutcome } from "@/lib/publishing/publish-publication";
import { applyTiktokWarmup } from "@/lib/warroom/tiktok-warmup";

/** A run starting this close to the time publishes at once (publishPublication accepts 1 s early). */
const EARLY_TOLERANCE_MS = 1_000;

/** Status polls while the platform processes a video / container (5-60 s apart: up to ~1 h). */
const MAX_POLLS = 60;
const pollDelay = (s: number) => `${Math.min(60, Math.max(5, Math.round(s)))}s`;

/**
 * MKT-107: one run per scheduled publication, started at scheduledAt (the event's ts; a reschedule
 * or a cancellation cancels the waiting run), then publishes: the token is refreshed first when it expires within
 * 5 minutes, the connector is called exactly once per attempt (lease + ledger in lib/publishing),
 * and the outcome is announced (publication/posted | publication/failed, admins told of a final
 * failure). Video and container posts are then polled in steps until the platform has processed them.
 *
 * Publishing runs in the function body, not in a step: publishPublication and the announcement are
 * idempotent (ledger, lease, fixed event ids, deduplicated notifications), so replaying them is safe,
 * and it saves two executor round trips per publication (the step's result and the completion call)
 * — what lets 10,000 publications due in the same minute go out within 2 minutes (ARCHITECTURE.md).
 * Retries: PUBLISH_MAX_ATTEMPTS function attempts; publishPublication decides the backoff
 * (RetryAfterError at nextAttemptAt) and the last attempt itself.
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
        const r = await step.run("mark-failed", () => failPublication({ ...data, errorCode: "gave_up", errorMessage: error.message }));
        if (r.outcome === "failed") await step.run("notify-admins", () => notifyPublicationFailed(data));
      },
    },
    async ({ event, step, runId }) => {
      const { organizationId, publicationId, scheduledAt } = event.data;
      const deps = defaultPublishingDeps({ send: async (events) => (events.length ? client.send(events as never) : undefined) });
      // publication/scheduled carries ts = scheduledAt, so the run normally starts on time; an
      // event sent early without it (or a clock ahead of ours) still waits here, durably.
      if (Date.parse(scheduledAt) - Date.now() > EARLY_TOLERANCE_MS) await step.sleepUntil("wait-until-scheduled", scheduledAt);
      // The War Room's TikTok cadence ramp (off: nothing happens): a post beyond it is moved, and the run ends.
      const deferredTo = await applyTiktokWarmup({ organizationId, publicationId, expectedScheduledAt: scheduledAt, deps });
      if (deferredTo) return { outcome: "deferred" as const, scheduledAt: deferredTo.toISOString() };
      let result: PublishOutcome = await publishPublication({ organizationId, publicationId, expectedScheduledAt: scheduledAt, runId, deps });
      await announcePublicationOutcome({ organizationId, publicationId, result, deps });
      for (let i = 0; result.outcome === "processing" && i < MAX_POLLS; i++) {
        await step.sleep(`wait-processing-${i}`, pollDelay(result.checkAfterSeconds));
        result = await step.run(`poll-status-${i}`, async () => {
          const r = await checkPublicationStatus({ organizationId, publicationId, deps });
          await announcePublicationOutcome({ organizationId, publicationId, result: r, deps });
          return r;
        });
      }
      if (result.outcome === "processing") {
        result = await step.run("give-up-processing", async () => {
          const r = await failPublication({ organizationId, publicationId, errorCode: "processing_timeout", errorMessage: "The platform was still processing the post after an hour" });
          await announcePublicationOutcome({ organizationId, publicationId, result: r, deps });
          return r;
        });
      }
      return result;
    },
  );
}

export const mkt107Publish = buildMkt107Publish(inngest);
