import type { LeadSourceType, LeadTier } from "@/lib/db/generated/enums";

/**
 * MKT-302 rubric (seed 000 section 4, MKT-302), deterministic: the model only supplies judgements on
 * free text (pain points, urgency); the points are counted here, so the same lead always gets the
 * same score and every point is explained.
 *   completeness: email +5, phone +10, company +10, job title +10
 *   source: ad +15, webinar +20, referral +25, form +10, manual +5
 *   budget indicated: > 10K +20, 5-10K +15, 1-5K +10, < 1K +5
 *   company size: 200+ +15, 51-200 +10, 11-50 +5
 *   pain points: +5 each, at most 25
 *   implicit urgency: high +15, medium +10
 * Tiers: hot >= 70 (booking), warm >= 40 (nurture), else cold (long-term sequence).
 */
export const HOT_THRESHOLD = 70;
export const WARM_THRESHOLD = 40;

export const SOURCE_POINTS: Record<LeadSourceType, number> = {
  META_LEAD_ADS: 15,
  GOOGLE_LEAD_ADS: 15,
  TIKTOK_LEAD_ADS: 15,
  WEBINAR: 20,
  REFERRAL: 25,
  FORM: 10,
  API: 10,
  INBOX: 10,
  CSV: 5,
  MANUAL: 5,
};

export type RubricInput = {
  email: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  sourceType: LeadSourceType;
  /** Budget in major units of the lead's currency (null: not indicated). */
  budget: number | null;
  companySize: string | null;
  painPoints: string[];
  urgency: "HIGH" | "MEDIUM" | "LOW" | null;
};

export type RubricLine = { criterion: "email" | "phone" | "company" | "jobTitle" | "source" | "budget" | "companySize" | "painPoints" | "urgency"; points: number; detail: string };
export type RubricResult = { score: number; tier: LeadTier; lines: RubricLine[] };

export function budgetPoints(budget: number | null): number {
  if (budget === null || budget < 0) return 0;
  if (budget > 10_000) return 20;
  if (budget >= 5_000) return 15;
  if (budget >= 1_000) return 10;
  return 5;
}

export function companySizePoints(size: string | null): number {
  return size === "200+" ? 15 : size === "51-200" ? 10 : size === "11-50" ? 5 : 0;
}

export const tierOf = (score: number): LeadTier => (score >= HOT_THRESHOLD ? "HOT" : score >= WARM_THRESHOLD ? "WARM" : "COLD");

export function scoreLead(i: RubricInput): RubricResult {
  const lines: RubricLine[] = [];
  const add = (criterion: RubricLine["criterion"], points: number, detail: string) => points > 0 && lines.push({ criterion, points, detail });
  add("email", i.email ? 5 : 0, "email");
  add("phone", i.phone ? 10 : 0, "phone");
  add("company", i.company ? 10 : 0, i.company ?? "");
  add("jobTitle", i.jobTitle ? 10 : 0, i.jobTitle ?? "");
  add("source", SOURCE_POINTS[i.sourceType], i.sourceType);
  add("budget", budgetPoints(i.budget), i.budget === null ? "" : String(i.budget));
  add("companySize", companySizePoints(i.companySize), i.companySize ?? "");
  const pains = i.painPoints.filter((p) => p.trim()).slice(0, 5);
  add("painPoints", Math.min(25, pains.length * 5), pains.join("; "));
  add("urgency", i.urgency === "HIGH" ? 15 : i.urgency === "MEDIUM" ? 10 : 0, i.urgency ?? "");
  const score = Math.min(100, lines.reduce((n, l) => n + l.points, 0));
  return { score, tier: tierOf(score), lines };
}
