import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { LeadTier } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import type { LeadJudgement } from "./judge-lead";
import { scoreLead as applyRubric, type RubricLine } from "./rubric";

/** Where a tier goes next (seed 000 MKT-302 switch): hot -> booking (MKT-305), warm -> nurture (MKT-303), cold -> long-term sequence. */
export type LeadRoute = "booking" | "nurture" | "long_term";
export const routeOf = (tier: LeadTier): LeadRoute => (tier === "HOT" ? "booking" : tier === "WARM" ? "nurture" : "long_term");

/** What LeadScore.breakdown holds: every rubric line and the model's judgement, so the page can explain the score. */
export type ScoreBreakdown = { lines: RubricLine[]; judgement: Omit<LeadJudgement, "model"> | null; route: LeadRoute };

export type SaveLeadScoreResult = { scoreId: string; score: number; tier: LeadTier; previousTier: LeadTier | null; route: LeadRoute; suggestedSequenceId: string | null; qualified: boolean };

/**
 * MKT-302 steps 3-6 in one transaction: the lead row locked (two scorings of one lead never
 * interleave), the rubric applied to its profile and the judgement, a LeadScore row (history, with
 * the breakdown), the lead's score, tier, pain points, urgency and suggested product updated (status
 * NEW -> SCORED; a lead further along keeps its status), the active sequence for the tier suggested,
 * and `lead.scored` published last. `qualified` is true when the tier is new (first score, or it
 * changed): only then does the lead get routed again.
 *
 * `idempotencyKey` (MKT-302: `<runId>:save`): a call with a key already stored returns that score as
 * it was saved, `qualified` included, without scoring again. Without it, a step replayed after a crash
 * between this commit and the step's checkpoint found the tier already set, answered "not qualified",
 * and the lead was never routed (seen in the SIGKILL fault test: a lead left SCORED, never nurtured).
 */
export async function saveLeadScore(opts: { organizationId: string; leadId: string; judgement: LeadJudgement | null; idempotencyKey?: string; now?: Date }): Promise<SaveLeadScoreResult> {
  const now = opts.now ?? new Date();
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM leads WHERE id = ${opts.leadId} AND "organizationId" = ${opts.organizationId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("lead");
    if (opts.idempotencyKey) {
      const saved = await tx.leadScore.findUnique({
        where: { leadId_idempotencyKey: { leadId: opts.leadId, idempotencyKey: opts.idempotencyKey } },
        select: { id: true, score: true, tier: true, previousTier: true, breakdown: true, suggestedSequenceId: true },
      });
      if (saved) {
        const route = (saved.breakdown as Partial<ScoreBreakdown> | null)?.route ?? routeOf(saved.tier);
        return { scoreId: saved.id, score: saved.score, tier: saved.tier, previousTier: saved.previousTier, route, suggestedSequenceId: saved.suggestedSequenceId, qualified: saved.previousTier !== saved.tier };
      }
    }
    const lead = await tx.lead.findUniqueOrThrow({ where: { id: opts.leadId } });
    const j = opts.judgement;
    const result = applyRubric({
      email: lead.emailNormalized,
      phone: lead.phoneE164,
      company: lead.company,
      jobTitle: lead.jobTitle,
      sourceType: lead.sourceType,
      budget: lead.budgetMinor === null ? null : lead.budgetMinor / 100,
      companySize: lead.companySize,
      painPoints: j?.painPoints ?? [],
      urgency: j?.urgency ?? null,
    });
    const route = routeOf(result.tier);
    const sequence =
      result.tier === "HOT" ? null : await tx.nurtureSequence.findFirst({ where: { organizationId: opts.organizationId, status: "ACTIVE", targetTier: result.tier }, orderBy: { createdAt: "asc" }, select: { id: true } });
    const breakdown: ScoreBreakdown = { lines: result.lines, judgement: j ? { painPoints: j.painPoints, urgency: j.urgency, fit: j.fit, reasoning: j.reasoning, suggestedProductId: j.suggestedProductId } : null, route };
    const score = await tx.leadScore.create({
      data: {
        organizationId: opts.organizationId,
        leadId: lead.id,
        score: result.score,
        tier: result.tier,
        reasoning: j?.reasoning ?? null,
        breakdown: breakdown as unknown as Prisma.InputJsonValue,
        suggestedProductId: j?.suggestedProductId ?? null,
        suggestedSequenceId: sequence?.id ?? null,
        model: j?.model ?? null,
        scoredAt: now,
        previousTier: lead.tier,
        idempotencyKey: opts.idempotencyKey ?? null,
      },
      select: { id: true },
    });
    await tx.lead.update({
      where: { id: lead.id },
      data: {
        score: result.score,
        tier: result.tier,
        scoredAt: now,
        ...(j ? { painPoints: j.painPoints, urgency: j.urgency, suggestedProductId: j.suggestedProductId ?? lead.suggestedProductId } : {}),
        ...(lead.status === "NEW" ? { status: "SCORED" as const } : {}),
      },
    });
    const qualified = lead.tier !== result.tier;
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "lead.scored", payload: { leadId: lead.id, scoreId: score.id, score: result.score, tier: result.tier, route } });
    return { scoreId: score.id, score: result.score, tier: result.tier, previousTier: lead.tier, route, suggestedSequenceId: sequence?.id ?? null, qualified };
  });
}
