import { inngest } from "@/inngest/client";
import { leadQualified, leadReceived } from "@/inngest/events";
import { failPermanently } from "@/inngest/functions/content-flywheel/permanent-error";
import { judgeLead } from "@/lib/leads/scoring/judge-lead";
import { saveLeadScore } from "@/lib/leads/scoring/score-lead";

/** A lead deleted (or of another organisation) will not appear by retrying. */
const permanent = failPermanently(["not_found"]);

/**
 * MKT-302: lead/received -> the model judges the lead's free text (pain points, urgency, fit) ->
 * the seed's rubric counts the points (rubric.ts) -> score, tier and explanation stored with
 * `lead.scored` live -> lead/qualified when the tier is new, whose route says what comes next
 * (hot: booking, warm: nurture, cold: long-term sequence). Every submission of a lead re-scores it
 * (a merge may have added a company or a budget); routing happens only on a new tier.
 */
export const mkt302ScoreLead = inngest.createFunction(
  {
    id: "mkt-302-score-lead",
    name: "MKT-302: score and qualify a lead",
    triggers: [leadReceived],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 10 },
  },
  async ({ event, step, runId }) => {
    const { organizationId, leadId } = event.data;
    const judgement = await step.run("judge-free-text", () => judgeLead({ organizationId, leadId, idempotencyKey: `${runId}:judge` }).catch(permanent));
    const saved = await step.run("save-score", () => saveLeadScore({ organizationId, leadId, judgement, idempotencyKey: `${runId}:save` }).catch(permanent));
    if (saved.qualified) {
      await step.sendEvent(
        "emit-lead-qualified",
        leadQualified.create(
          { organizationId, leadId, scoreId: saved.scoreId, score: saved.score, tier: saved.tier, previousTier: saved.previousTier, route: saved.route, suggestedSequenceId: saved.suggestedSequenceId },
          { id: `lead-qualified:${saved.scoreId}` },
        ),
      );
    }
    return saved;
  },
);
