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

// ── Amplification Engine (MKT-201..206) ─────────────────────────────────────────────────────────
// cron (201) competitor research daily 06:00 | ads/competitors.research.requested ("Run research now") -> ads/competitors.researched.
// signal/content.detected | ads/proposal.requested -> (202) draft campaign -> approval/requested (AD_CAMPAIGN)
// ... approval/decided (human session only) -> (203) ads/campaign.approved -> (204) launch -> ads/campaign.launched
// cron (205) metrics every 4 h -> cron (206) rules daily 10:00 -> ads/performance.insight.

/** MKT-201 done for one organisation's day: new competitor ads per brand (the page shows them with the AI summary). */
export const adsCompetitorsResearched = eventType("ads/competitors.researched", {
  schema: z.object({ organizationId: orgId, localDate: z.string(), brands: z.number().int(), ads: z.number().int(), newAds: z.number().int() }),
});

/** "Run research now" on the competitors page: MKT-201 for this organisation at once (its ad_daily_runs row "mkt-201-manual" of the local date is claimed by the request). */
export const adsCompetitorResearchRequested = eventType("ads/competitors.research.requested", {
  schema: z.object({ organizationId: orgId, requestId: z.string(), localDate: z.string(), requestedById: z.string().optional() }),
});

/** "Amplifier" on published content: MKT-202 proposes a campaign for it (requestId = idempotency key). */
export const adsProposalRequested = eventType("ads/proposal.requested", {
  schema: z.object({ organizationId: orgId, contentPieceId: z.string(), requestId: z.string(), requestedById: z.string().optional() }),
});

/** MKT-203: a human approved this exact revision of a campaign within the caps; MKT-204 launches it. */
export const adsCampaignApproved = eventType("ads/campaign.approved", {
  schema: z.object({ organizationId: orgId, campaignId: z.string(), revision: z.number().int(), approvalRequestId: z.string() }),
});

/** MKT-203 "modify": a new revision of a proposal; the wait for the previous revision's decision is cancelled. */
export const adsCampaignRevised = eventType("ads/campaign.revised", {
  schema: z.object({ organizationId: orgId, adCampaignId: z.string(), revision: z.number().int() }),
});

/** "Retry" on a campaign whose launch failed: MKT-204 resumes from the stored remote ids. */
export const adsLaunchRetried = eventType("ads/launch.retried", {
  schema: z.object({ organizationId: orgId, campaignId: z.string(), attempt: z.number().int() }),
});

/** MKT-204 done: every object exists on the ad network and the campaign is active. */
export const adsCampaignLaunched = eventType("ads/campaign.launched", {
  schema: z.object({ organizationId: orgId, campaignId: z.string(), platform: z.string(), externalId: z.string() }),
});

/** MKT-206: one optimisation action decided by a rule (applied, queued for approval, or skipped); logged in the learning log. */
export const adsPerformanceInsight = eventType("ads/performance.insight", {
  schema: z.object({ organizationId: orgId, campaignId: z.string(), decisionId: z.string(), rule: z.string(), action: z.string(), status: z.string() }),
});

// ── Opportunity Hunter (MKT-301..307) ───────────────────────────────────────────────────────────
// submission.received -> (301) lead/received -> (302 scoring) lead/qualified -> hot: booking (305), warm: nurture (303), cold: long-term sequence

/** MKT-301: a lead submission was stored raw (webhook, Meta/Google/TikTok lead ads, CSV row) or re-processing was asked for. */
export const leadSubmissionReceived = eventType("lead/submission.received", {
  schema: z.object({ organizationId: orgId, submissionId: z.string(), sourceType: z.string() }),
});

/** MKT-301 done: a submission was normalised and merged into a lead (created: a new lead). Consumed by MKT-302 scoring. */
export const leadReceived = eventType("lead/received", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), submissionId: z.string(), created: z.boolean() }),
});

/** MKT-302 done with a new tier (first score, or the tier changed): route says what comes next. */
export const leadQualified = eventType("lead/qualified", {
  schema: z.object({
    organizationId: orgId,
    leadId: z.string(),
    scoreId: z.string(),
    score: z.number().int().min(0).max(100),
    tier: z.enum(["HOT", "WARM", "COLD"]),
    previousTier: z.enum(["HOT", "WARM", "COLD"]).nullable(),
    route: z.enum(["booking", "nurture", "long_term"]),
    suggestedSequenceId: z.string().nullable(),
  }),
});

// MKT-303 nurture: lead/qualified (nurture | long_term) -> enrolled -> per step: wait the delay, write the
// message, a human yes on that version (lead/message.decided) unless the sequence auto-approves, send
// (lead/message.sent). lead/enrollment.stopped (reply routed to a stop, booking, unsubscribe, conversion,
// a human taking over) cancels the waiting run; the send re-checks every stop condition itself.

/** A person approved or rejected one AI-written nurture message (exact version: its hash). MKT-303 waits for it. */
export const leadMessageDecided = eventType("lead/message.decided", {
  schema: z.object({ organizationId: orgId, interactionId: z.string(), decision: z.enum(["APPROVED", "REJECTED"]), decidedById: z.string() }),
});

/** MKT-303 sent one step's message (email through the email provider, or WhatsApp). */
export const leadMessageSent = eventType("lead/message.sent", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), enrollmentId: z.string(), interactionId: z.string(), channel: z.enum(["EMAIL", "WHATSAPP"]), position: z.number().int() }),
});

/** A lead's active enrollments were stopped (reason: reply, booked, unsubscribed, converted, human_takeover...). Cancels MKT-303 runs of the lead. */
export const leadEnrollmentStopped = eventType("lead/enrollment.stopped", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), reason: z.string(), enrollmentIds: z.array(z.string()) }),
});

// MKT-305 booking: lead/qualified (booking) or lead/booking.requested -> salesperson + 3 best slots
// (Cal.com or built-in) -> briefing -> invitation (a template written by people) -> the lead picks a slot
// on /book/<token> (or Cal.com's webhook says so) -> lead/booked; sequences stop (reason booked).

/** MKT-305: a call with the lead is booked (picked on the booking page, or created/rescheduled in Cal.com). */
export const leadBooked = eventType("lead/booked", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), bookingId: z.string(), startAt: z.string(), provider: z.enum(["CALCOM", "BUILTIN"]), rescheduled: z.boolean() }),
});

/** A lead unsubscribed (one-click, the confirm page, or a STOP reply): a Suppression row exists for the address. */
export const leadUnsubscribed = eventType("lead/unsubscribed", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), channel: z.enum(["EMAIL", "WHATSAPP"]), source: z.string() }),
});

// MKT-304 replies: an inbound email (POST /api/webhooks/email-inbound) or WhatsApp message (the Meta
// callback) is stored raw (lead_replies), then lead/reply.received -> (304) fetch the full email, find the
// lead, classify (sentiment, intent, objections, action), record it on the timeline and route it:
// ready_to_buy -> lead/booking.requested (MKT-305), objection -> an answer drafted for a person's yes and
// the sequence goes on, escalate -> lead/escalation.requested (MKT-306), unsubscribe -> stop + suppress,
// not_interested -> stop, interested / needs_info / not_ready -> the sequence goes on.

/** A reply was stored raw (signature checked, once per provider message). MKT-304 processes it. */
export const leadReplyReceived = eventType("lead/reply.received", {
  schema: z.object({ organizationId: orgId, replyId: z.string(), channel: z.enum(["EMAIL", "WHATSAPP"]) }),
});

/** MKT-304 classified and routed a reply (interactionId: the reply on the lead's timeline). */
export const leadReplyClassified = eventType("lead/reply.classified", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), replyId: z.string(), interactionId: z.string(), intent: z.string(), sentiment: z.string(), route: z.string() }),
});

/** A lead asked to buy (MKT-304 ready_to_buy): MKT-305 proposes slots. replyId = the inbound reply's LeadInteraction id. */
export const leadBookingRequested = eventType("lead/booking.requested", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), reason: z.string(), replyId: z.string() }),
});

/** A lead needs a person (MKT-304 escalate, or another condition): MKT-306 assigns, summarises and notifies. */
export const leadEscalationRequested = eventType("lead/escalation.requested", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), reason: z.string(), interactionId: z.string().nullable() }),
});

/** MKT-306 done: the lead is an opportunity owned by assignedToId. */
export const leadEscalated = eventType("lead/escalated", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), escalationId: z.string(), assignedToId: z.string() }),
});

// MKT-307 conversions: POST /api/webhooks/conversions (Standard Webhooks) or "Mark won" -> conversion +
// credits per touchpoint (the organisation's model) -> conversion/recorded (Agents 1 and 2, MKT-404) and
// lead/converted; the lead's sequences stop (lead/enrollment.stopped, reason converted).

/** MKT-307: a conversion was recorded and its value credited to the lead's touchpoints (credits sum to the value). */
export const conversionRecorded = eventType("conversion/recorded", {
  schema: z.object({
    organizationId: orgId,
    conversionId: z.string(),
    leadId: z.string(),
    valueMinor: z.number().int(),
    currency: z.string(),
    model: z.string(),
    source: z.enum(["webhook", "manual"]),
    touchpoints: z.number().int(),
    campaignIds: z.array(z.string()),
    contentPieceIds: z.array(z.string()),
  }),
});

/** MKT-307: the lead became CONVERTED (first conversion, or another one). */
export const leadConverted = eventType("lead/converted", {
  schema: z.object({ organizationId: orgId, leadId: z.string(), conversionId: z.string(), valueMinor: z.number().int(), currency: z.string() }),
});

// ── Utilities (MKT-401..404) ────────────────────────────────────────────────────────────────────
// cron (401) every 12 h: tokens expiring within 24 h refreshed -> oauth/token.refresh.failed on failure.
// cron (402) ticks at :14/:29/:44/:59 UTC -> analytics/day.requested per organisation at 23:59 local -> analytics/day.computed.
// cron (403) every 15 min -> analytics/weekly-report.requested per organisation at Monday 08:00 local ("Generate now" too).
// analytics/backfill.requested (Analytics page) -> (402 backfill) one step per day -> analytics/backfill.completed.

const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** MKT-402: an organisation's local date reached 23:59 (claimed once per date): compute that day and the day before. */
export const analyticsDayRequested = eventType("analytics/day.requested", {
  schema: z.object({ organizationId: orgId, localDate: localDateSchema }),
});

/** MKT-402 wrote an organisation's daily analytics (MKT-403's weekly report reads them). */
export const analyticsDayComputed = eventType("analytics/day.computed", {
  schema: z.object({ organizationId: orgId, localDate: localDateSchema, slices: z.number().int() }),
});

/** MKT-404 after an organisation's learning loop: what changed among its insights (ids). */
export const learningInsightsUpdated = eventType("learning/insights.updated", {
  schema: z.object({
    organizationId: orgId,
    localDate: localDateSchema,
    confirmed: z.array(z.string()),
    contradicted: z.array(z.string()),
    created: z.array(z.string()),
    active: z.number().int(),
  }),
});

/**
 * MKT-403: write (and send once) an organisation's report of the ISO week starting `weekStart` (its
 * Monday, a local date). From the Monday 08:00 tick, or "Generate now" (`refresh`: figures and text
 * written again; a report already sent is not sent again).
 */
export const weeklyReportRequested = eventType("analytics/weekly-report.requested", {
  schema: z.object({ organizationId: orgId, weekStart: localDateSchema, refresh: z.boolean().optional(), requestedById: z.string().optional() }),
});

/** "Recompute" on the Analytics page: MKT-402 over a date range (the backfill row is written first). */
export const analyticsBackfillRequested = eventType("analytics/backfill.requested", {
  schema: z.object({ organizationId: orgId, backfillId: z.string() }),
});

/** A backfill finished (every day recomputed). */
export const analyticsBackfillCompleted = eventType("analytics/backfill.completed", {
  schema: z.object({ organizationId: orgId, backfillId: z.string(), days: z.number().int() }),
});

// ── Agents (issue 16) ───────────────────────────────────────────────────────────────────────────

/**
 * "Run now" on a scheduled agent's page: the agent's cron function(s) run at once through this event
 * (each one has a trigger `{ event, if: "event.data.workflowCode == 'MKT-NNN'" }`, lib/agents/run-now.ts),
 * durably like any run; the agents middleware records the execution for this organisation.
 */
export const agentRunRequested = eventType("agents/run.requested", {
  schema: z.object({ organizationId: orgId, agentId: z.string(), workflowCode: z.string(), requestId: z.string(), requestedById: z.string().optional() }),
});

// ── Social inbox (issue 15, seed 003) ───────────────────────────────────────────────────────────

/**
 * An inbound direct message stored (Meta / X receivers): `firstContact` when this message opened the
 * conversation. Consumed by the inbox triage (debounced per conversation: a burst is triaged
 * together) and by the Instagram welcome DM automation.
 */
export const inboxMessageReceived = eventType("inbox/message.received", {
  schema: z.object({ organizationId: orgId, conversationId: z.string(), messageId: z.string(), platform: z.string(), firstContact: z.boolean() }),
});

/**
 * A new comment under one of our publications was stored (inb-002 comment polling, the Meta / X
 * receivers): the inbox triage consumes it. Agreed contract between the polling and the triage: ids
 * only, the triage reads the comment.
 */
export const inboxCommentReceived = eventType("inbox/comment.received", {
  schema: z.object({ organizationId: orgId, commentId: z.string(), platform: z.string() }),
});
