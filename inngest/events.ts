import { eventType } from "inngest";
import { z } from "zod";

/**
 * The event catalogue: every event the app sends or reacts to, with its schema. Names are
 * `<domain>/<noun>.<past-verb>`. The SDK validates a run's trigger event against these schemas.
 * Tenant events carry `organizationId`: the Runs page and per-organisation concurrency use it.
 */

/** A health check of the workflow engine: the ping function answers it. */
export const systemPingRequested = eventType("system/ping.requested", {
  schema: z.object({
    organizationId: z.string().optional(),
    message: z.string().max(500).optional(),
  }),
});

// ── Content Flywheel (MKT-101..109) ─────────────────────────────────────────────────────────────
// input.received -> (101) input.processed -> (102) research.completed -> (103) pieces.generated
// -> (104) approval/requested ... approval/decided -> (105 reminders) -> piece.approved -> (106)
// variants.adapted -> publication/scheduled -> (107) publication/posted | publication/failed
// cron (108) metrics -> cron (109) signal/content.detected (-> Amplification Engine).

const orgId = z.string().min(1);

/** MKT-101: a raw input was stored (webhook, form or the 09:00 pick-up of pending inputs). */
export const contentInputReceived = eventType("content/input.received", {
  schema: z.object({ organizationId: orgId, inputId: z.string(), brandId: z.string() }),
});

/** MKT-101 done: the input has readable text, a summary and 3 suggested topics. */
export const contentInputProcessed = eventType("content/input.processed", {
  schema: z.object({ organizationId: orgId, inputId: z.string(), brandId: z.string() }),
});

/** MKT-102 done: topic, angle, key messages, platforms, formats, hashtags stored on the input. */
export const contentResearchCompleted = eventType("content/research.completed", {
  schema: z.object({ organizationId: orgId, inputId: z.string(), brandId: z.string() }),
});

/** MKT-103 done: one master piece (+ image) per target platform, status REVIEW. */
export const contentPiecesGenerated = eventType("content/pieces.generated", {
  schema: z.object({ organizationId: orgId, inputId: z.string().optional(), brandId: z.string(), contentPieceIds: z.array(z.string()).min(1) }),
});

/** MKT-104: an approval request was created (content piece or ad spend). */
export const approvalRequested = eventType("approval/requested", {
  schema: z.object({
    organizationId: orgId,
    approvalRequestId: z.string(),
    entityType: z.enum(["CONTENT_PIECE", "AD_CAMPAIGN"]),
    contentPieceId: z.string().optional(),
    adCampaignId: z.string().optional(),
  }),
});

/** A human decided (queue, email link or Slack button). Waited for by MKT-104 (match on approvalRequestId). */
export const approvalDecided = eventType("approval/decided", {
  schema: z.object({
    organizationId: orgId,
    approvalRequestId: z.string(),
    decision: z.enum(["APPROVED", "CHANGES_REQUESTED", "REJECTED"]),
    note: z.string().max(2000).optional(),
    decidedById: z.string().optional(),
    channel: z.enum(["APP", "EMAIL", "SLACK", "API", "AUTO"]),
  }),
});

/** A content piece was approved: MKT-106 adapts it to the brand's other active platforms. */
export const contentPieceApproved = eventType("content/piece.approved", {
  schema: z.object({ organizationId: orgId, contentPieceId: z.string() }),
});

/** MKT-106 done: platform variants (parentId = the approved piece) exist and are scheduled. */
export const contentVariantsAdapted = eventType("content/variants.adapted", {
  schema: z.object({ organizationId: orgId, contentPieceId: z.string(), variantIds: z.array(z.string()) }),
});

/** A publication is due at scheduledAt: MKT-107 sleeps until then (cancelled by rescheduled/cancelled). */
export const publicationScheduled = eventType("publication/scheduled", {
  schema: z.object({ organizationId: orgId, publicationId: z.string(), scheduledAt: z.string() }),
});

export const publicationRescheduled = eventType("publication/rescheduled", {
  schema: z.object({ organizationId: orgId, publicationId: z.string(), scheduledAt: z.string() }),
});

export const publicationCancelled = eventType("publication/cancelled", {
  schema: z.object({ organizationId: orgId, publicationId: z.string() }),
});

export const publicationPosted = eventType("publication/posted", {
  schema: z.object({ organizationId: orgId, publicationId: z.string(), platform: z.string(), platformPostId: z.string(), platformPostUrl: z.string().optional() }),
});

export const publicationFailed = eventType("publication/failed", {
  schema: z.object({ organizationId: orgId, publicationId: z.string(), platform: z.string(), errorCode: z.string().optional(), errorMessage: z.string() }),
});

/** MKT-108 collected a round of metrics for an organisation. */
export const contentMetricsCollected = eventType("content/metrics.collected", {
  schema: z.object({ organizationId: orgId, publicationIds: z.array(z.string()), capturedAt: z.string() }),
});

/** MKT-109: a post's engagement rate beat mean + 1.5 sigma of its brand and platform. Consumed by the Amplification Engine. */
export const signalContentDetected = eventType("signal/content.detected", {
  schema: z.object({
    organizationId: orgId,
    signalId: z.string(),
    brandId: z.string(),
    contentPieceId: z.string(),
    publicationId: z.string(),
    platform: z.string(),
    engagementRate: z.number(),
    threshold: z.number(),
  }),
});
