import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { LeadSubmissionDto } from "./contracts";
import { toSubmissionDto } from "./capture/submissions";
import type { LeadTier } from "@/lib/db/generated/enums";
import { routeOf, type ScoreBreakdown } from "./scoring/score-lead";
import { messageHash } from "./nurture/message-hash";
import type { StoredClassification } from "./replies/schemas";

export type LeadScoreDto = { id: string; score: number; tier: string; reasoning: string | null; breakdown: ScoreBreakdown; model: string | null; scoredAt: string; suggestedProduct: string | null };
export type LeadTimelineItem =
  | { kind: "submission"; at: string; submission: LeadSubmissionDto; createdLead: boolean }
  | { kind: "interaction"; at: string; id: string; channel: string; direction: string; status: string; subject: string | null; body: string; draftHash: string | null; answer: boolean; inSequence: boolean; analysis: ReplyAnalysisDto | null }
  | { kind: "escalation"; at: string; id: string; reason: string; assignedTo: string; summary: string; recommendations: string[]; model: string | null }
  | { kind: "score"; at: string; score: number; tier: string; previousTier: string | null };

/** MKT-304's reading of an inbound reply, as the timeline shows it. */
export type ReplyAnalysisDto = { sentiment: string | null; intent: string | null; objections: string[]; recommendedAction: string | null; summary: string | null; model: string | null; fallback: boolean; instructionsIgnored: boolean };

export type LeadDetailDto = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  companySize: string | null;
  budget: number | null;
  currency: string;
  country: string | null;
  language: string;
  source: string;
  sourceDetail: string | null;
  utm: Record<string, string>;
  status: string;
  tier: string | null;
  score: number | null;
  painPoints: string[];
  urgency: string | null;
  gdprConsent: boolean;
  consentAt: string | null;
  consentText: string | null;
  whatsappOptIn: boolean;
  isTest: boolean;
  /** The salesperson who owns the lead (MKT-306 escalation, or "Take over"). */
  owner: string | null;
  escalatedAt: string | null;
  customFields: Record<string, unknown>;
  createdAt: string;
  latestScore: LeadScoreDto | null;
  timeline: LeadTimelineItem[];
};

/** A stored breakdown as the page reads it; a row written in another shape shows no lines rather than failing the page. */
function readBreakdown(value: unknown, tier: LeadTier): ScoreBreakdown {
  const b = value as Partial<ScoreBreakdown> | null;
  return b && Array.isArray(b.lines) ? { lines: b.lines, judgement: b.judgement ?? null, route: b.route ?? routeOf(tier) } : { lines: [], judgement: null, route: routeOf(tier) };
}

/**
 * The lead page: its fields, the latest score with every rubric line and the model's judgement, and
 * one timeline, newest first, of every submission (with the payload as received), touch and message,
 * and score change. Another organisation's lead is a 404.
 */
export async function getLead(opts: { organizationId: string; leadId: string }): Promise<LeadDetailDto> {
  const lead = await db().lead.findFirst({
    where: { id: opts.leadId, organizationId: opts.organizationId },
    include: {
      scores: { orderBy: { scoredAt: "asc" }, include: { suggestedProduct: { select: { name: true } } } },
      submissions: { orderBy: { receivedAt: "desc" }, take: 50 },
      interactions: { orderBy: { occurredAt: "desc" }, take: 100, where: { channel: { not: "FORM" } } },
      escalations: { orderBy: { createdAt: "desc" }, take: 20 },
    },
  });
  if (!lead) throw notFound("lead");
  const replies = await db().leadReply.findMany({ where: { organizationId: opts.organizationId, interactionId: { in: lead.interactions.filter((i) => i.direction === "INBOUND").map((i) => i.id) } }, select: { interactionId: true, classification: true } });
  const readings = new Map(replies.map((r) => [r.interactionId, (r.classification ?? {}) as Partial<StoredClassification>]));
  const userIds = [...new Set([lead.assignedToId, ...lead.escalations.map((e) => e.assignedToId)].filter((id): id is string => !!id))];
  const users = new Map((await db().user.findMany({ where: { id: { in: userIds }, memberships: { some: { organizationId: opts.organizationId } } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u.name || u.email]));
  const scores: LeadScoreDto[] = lead.scores.map((s) => ({
    id: s.id,
    score: s.score,
    tier: s.tier,
    reasoning: s.reasoning,
    breakdown: readBreakdown(s.breakdown, s.tier),
    model: s.model,
    scoredAt: s.scoredAt.toISOString(),
    suggestedProduct: s.suggestedProduct?.name ?? null,
  }));
  const timeline: LeadTimelineItem[] = [
    ...lead.submissions.map((s) => ({ kind: "submission" as const, at: s.receivedAt.toISOString(), submission: toSubmissionDto(s), createdLead: s.createdLead })),
    ...lead.interactions.map((i) => {
      const c = readings.get(i.id);
      const analysis: ReplyAnalysisDto | null =
        i.direction === "INBOUND" && (i.aiIntent || c)
          ? { sentiment: i.aiSentiment, intent: i.aiIntent, objections: i.aiObjections, recommendedAction: i.aiRecommendedAction, summary: c?.summary ?? null, model: c?.model ?? null, fallback: c?.fallback === true, instructionsIgnored: c?.instructionsIgnored === true }
          : null;
      const answer = i.idempotencyKey?.startsWith("reply-answer:") === true;
      return { kind: "interaction" as const, at: i.occurredAt.toISOString(), id: i.id, channel: i.channel, direction: i.direction, status: i.status, subject: i.subject, body: i.body, draftHash: i.status === "DRAFT" && i.aiWritten ? messageHash(i) : null, answer, inSequence: !!i.enrollmentId, analysis };
    }),
    ...lead.escalations.map((e) => ({ kind: "escalation" as const, at: e.createdAt.toISOString(), id: e.id, reason: e.reason, assignedTo: users.get(e.assignedToId) ?? "—", summary: e.summary, recommendations: e.recommendations, model: e.model })),
    // A score line only where the score or tier changed: re-scoring with the same result is not news.
    ...scores.flatMap((s, i) => {
      const prev = scores[i - 1];
      return prev && prev.score === s.score && prev.tier === s.tier ? [] : [{ kind: "score" as const, at: s.scoredAt, score: s.score, tier: s.tier, previousTier: prev?.tier ?? null }];
    }),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const utm = Object.fromEntries(
    Object.entries({ source: lead.utmSource, medium: lead.utmMedium, campaign: lead.utmCampaign, content: lead.utmContent, term: lead.utmTerm }).filter((e): e is [string, string] => !!e[1]),
  );
  return {
    id: lead.id,
    firstName: lead.firstName,
    lastName: lead.lastName,
    name: [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.email || lead.phoneE164 || "—",
    email: lead.email,
    phone: lead.phoneE164,
    company: lead.company,
    jobTitle: lead.jobTitle,
    companySize: lead.companySize,
    budget: lead.budgetMinor === null ? null : lead.budgetMinor / 100,
    currency: lead.currency,
    country: lead.country,
    language: lead.language,
    source: lead.sourceType,
    sourceDetail: lead.sourceDetail,
    utm,
    status: lead.status,
    tier: lead.tier,
    score: lead.score,
    painPoints: lead.painPoints,
    urgency: lead.urgency,
    gdprConsent: lead.gdprConsent,
    consentAt: lead.consentAt?.toISOString() ?? null,
    consentText: lead.consentText,
    whatsappOptIn: lead.whatsappOptIn,
    isTest: lead.isTest,
    owner: lead.assignedToId ? (users.get(lead.assignedToId) ?? null) : null,
    escalatedAt: lead.escalatedAt?.toISOString() ?? null,
    customFields: (lead.customFields ?? {}) as Record<string, unknown>,
    createdAt: lead.createdAt.toISOString(),
    latestScore: scores.at(-1) ?? null,
    timeline,
  };
}
