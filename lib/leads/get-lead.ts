import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { LeadSubmissionDto } from "./contracts";
import { toSubmissionDto } from "./capture/submissions";
import type { LeadTier } from "@/lib/db/generated/enums";
import { routeOf, type ScoreBreakdown } from "./scoring/score-lead";

export type LeadScoreDto = { id: string; score: number; tier: string; reasoning: string | null; breakdown: ScoreBreakdown; model: string | null; scoredAt: string; suggestedProduct: string | null };
export type LeadTimelineItem =
  | { kind: "submission"; at: string; submission: LeadSubmissionDto; createdLead: boolean }
  | { kind: "interaction"; at: string; channel: string; direction: string; status: string; subject: string | null; body: string }
  | { kind: "score"; at: string; score: number; tier: string; previousTier: string | null };

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
    },
  });
  if (!lead) throw notFound("lead");
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
    ...lead.interactions.map((i) => ({ kind: "interaction" as const, at: i.occurredAt.toISOString(), channel: i.channel, direction: i.direction, status: i.status, subject: i.subject, body: i.body })),
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
    customFields: (lead.customFields ?? {}) as Record<string, unknown>,
    createdAt: lead.createdAt.toISOString(),
    latestScore: scores.at(-1) ?? null,
    timeline,
  };
}
