import { addDays } from "@/lib/time/local-dates";

/**
 * MKT-206's rules as explicit code. The AI only writes the rationale; whether a
 * rule fires is decided here, with strict comparisons as the seed words them:
 *
 *  ROAS_BELOW_ONE_3D        ROAS < 1.0 on each of the last 3 complete days (spend > 0 each day) -> pause the ad set.
 *                           Only for campaigns that are judged on revenue (objective LEADS or CONVERSIONS).
 *  CPC_ABOVE_2X_AVG         ad set CPC over the window > 2 x the average CPC -> adjust its targeting.
 *  CTR_ABOVE_2X_AVG         ad set CTR over the window > 2 x the average CTR -> daily budget +30 % (within the caps).
 *  CREATIVE_OUTPERFORMS_50  a creative's CTR > 1.5 x the CTR of every sibling in its ad set -> concentrate
 *                           on it (pause the siblings).
 *
 * "The average" is the same figure across the organisation's other active ad sets on the same platform
 * over the same window (spend / clicks, clicks / impressions); with no such peers, the campaign's
 * expected value from its proposal (MKT-202) is the reference. Today is never used: it is incomplete.
 * Minimum volumes keep noise from firing rules. Ratios are compared on integers (cross-multiplied),
 * so 2.0x is exactly 2.0x.
 */
export const WINDOW_DAYS = 7;
export const ROAS_DAYS = 3;
export const MIN_CLICKS = 20;
export const MIN_IMPRESSIONS = 1000;
export const CPC_FACTOR = { num: 2, den: 1 } as const;
export const CTR_FACTOR = { num: 2, den: 1 } as const;
export const CREATIVE_FACTOR = { num: 3, den: 2 } as const;
export const ROAS_OBJECTIVES = ["LEADS", "CONVERSIONS"] as const;

export type RuleName = "ROAS_BELOW_ONE_3D" | "CPC_ABOVE_2X_AVG" | "CTR_ABOVE_2X_AVG" | "CREATIVE_OUTPERFORMS_50";
export type RuleAction = "PAUSE" | "ADJUST_TARGETING" | "SCALE_BUDGET" | "CONCENTRATE_CREATIVE";

export type DayFigures = { day: string; impressions: number; clicks: number; spendMinor: number; conversionValueMinor: number };

export type Targeting = { countries?: string[]; ageMin?: number; ageMax?: number; interests?: string[]; [k: string]: unknown };

export type RuleInput = {
  /** Today in the organisation's time zone (excluded: incomplete). */
  today: string;
  campaign: { id: string; objective: string; expectedCpcMinor: number | null; expectedCtrPercent: number | null };
  adSets: { id: string; status: string; dailyBudgetMinor: number | null; targeting: Targeting; days: DayFigures[] }[];
  creatives: { id: string; adSetId: string; status: string; label: string; days: DayFigures[] }[];
  /** Every active ad set of the organisation on this platform (this campaign's included), summed over the window. */
  platform: { spendMinor: number; clicks: number; impressions: number };
};

export type RuleHit = {
  rule: RuleName;
  action: RuleAction;
  target: { level: "adset" | "creative"; id: string; adSetId: string };
  /** Figures behind the decision (stored with it, shown in the history). */
  evidence: Record<string, unknown>;
  /** What applying it changes (targeting patch, siblings to pause, the +30 % budget before caps). */
  params: Record<string, unknown>;
  /** English, for logs and the AI prompt; the UI renders `message` from the catalogue. */
  reason: string;
  message: { key: string; values: Record<string, string | number> };
};

type Sum = { impressions: number; clicks: number; spendMinor: number; conversionValueMinor: number };
const sum = (days: DayFigures[]): Sum =>
  days.reduce((a, d) => ({ impressions: a.impressions + d.impressions, clicks: a.clicks + d.clicks, spendMinor: a.spendMinor + d.spendMinor, conversionValueMinor: a.conversionValueMinor + d.conversionValueMinor }), { impressions: 0, clicks: 0, spendMinor: 0, conversionValueMinor: 0 });

/** a/b > factor * c/d, on integers. */
const ratioAbove = (a: number, b: number, factor: { num: number; den: number }, c: number, d: number) => a * d * factor.den > factor.num * c * b;

const round2 = (n: number) => Math.round(n * 100) / 100;
const windowOf = (today: string) => ({ from: addDays(today, -WINDOW_DAYS), to: addDays(today, -1) });
const inWindow = (days: DayFigures[], from: string, to: string) => days.filter((d) => d.day >= from && d.day <= to);

/** Narrower audience for an ad set whose clicks cost too much: 5 years off each end of the age range (at least 10 years kept). */
export function narrowTargeting(t: Targeting): Targeting {
  const min = t.ageMin ?? 18;
  const max = t.ageMax ?? 65;
  const span = max - min;
  const cut = Math.max(0, Math.min(5, Math.floor((span - 10) / 2)));
  return { ...t, ageMin: min + cut, ageMax: max - cut };
}

export function evaluateRules(input: RuleInput): RuleHit[] {
  const hits: RuleHit[] = [];
  const { from, to } = windowOf(input.today);
  const active = input.adSets.filter((a) => a.status === "ACTIVE");

  // ROAS < 1.0 for 3 days -> pause
  if ((ROAS_OBJECTIVES as readonly string[]).includes(input.campaign.objective)) {
    const last = Array.from({ length: ROAS_DAYS }, (_, i) => addDays(input.today, -(i + 1)));
    for (const a of active) {
      const days = last.map((d) => a.days.find((x) => x.day === d));
      if (days.some((d) => !d || d.spendMinor <= 0)) continue;
      if (!days.every((d) => d!.conversionValueMinor < d!.spendMinor)) continue;
      const roas = days.map((d) => round2(d!.conversionValueMinor / d!.spendMinor));
      hits.push({
        rule: "ROAS_BELOW_ONE_3D",
        action: "PAUSE",
        target: { level: "adset", id: a.id, adSetId: a.id },
        evidence: { days: last.slice().reverse(), roas: roas.slice().reverse(), spendMinor: days.map((d) => d!.spendMinor).reverse() },
        params: { status: "PAUSED" },
        reason: `ROAS below 1.0 on each of the last ${ROAS_DAYS} days (${roas.slice().reverse().join(", ")}): pause the ad set.`,
        message: { key: "roasBelowOne", values: { days: ROAS_DAYS, roas: roas.slice().reverse().join(" · ") } },
      });
    }
  }

  const expectedCpc = input.campaign.expectedCpcMinor ? { num: input.campaign.expectedCpcMinor, den: 1, source: "expected" as const } : null;
  const expectedCtr = input.campaign.expectedCtrPercent ? { num: Math.round(input.campaign.expectedCtrPercent * 10_000), den: 1_000_000, source: "expected" as const } : null;

  for (const a of active) {
    const s = sum(inWindow(a.days, from, to));
    // Reference: the organisation's other active ad sets on this platform, else the proposal's expectation.
    const peers = { spendMinor: input.platform.spendMinor - s.spendMinor, clicks: input.platform.clicks - s.clicks, impressions: input.platform.impressions - s.impressions };
    const refCpc = peers.clicks >= MIN_CLICKS ? { num: peers.spendMinor, den: peers.clicks, source: "peers" as const } : expectedCpc;
    const refCtr = peers.impressions >= MIN_IMPRESSIONS ? { num: peers.clicks, den: peers.impressions, source: "peers" as const } : expectedCtr;
    if (refCpc && s.clicks >= MIN_CLICKS && ratioAbove(s.spendMinor, s.clicks, CPC_FACTOR, refCpc.num, refCpc.den)) {
      const cpc = s.spendMinor / s.clicks;
      const ref = refCpc.num / refCpc.den;
      const patch = narrowTargeting(a.targeting);
      hits.push({
        rule: "CPC_ABOVE_2X_AVG",
        action: "ADJUST_TARGETING",
        target: { level: "adset", id: a.id, adSetId: a.id },
        evidence: { window: { from, to }, cpcMinor: round2(cpc), referenceCpcMinor: round2(ref), reference: refCpc.source, ratio: round2(cpc / ref), clicks: s.clicks },
        params: { from: { ageMin: a.targeting.ageMin ?? null, ageMax: a.targeting.ageMax ?? null }, targeting: patch },
        reason: `CPC ${round2(cpc / 100)} is ${round2(cpc / ref)}x the ${refCpc.source === "peers" ? "average of the other ad sets" : "expected CPC"} (${round2(ref / 100)}): narrow the audience (ages ${patch.ageMin}-${patch.ageMax}).`,
        message: { key: "cpcAboveAverage", values: { ratio: round2(cpc / ref), cpc: round2(cpc), reference: round2(ref), ageMin: patch.ageMin ?? 18, ageMax: patch.ageMax ?? 65 } },
      });
    }
    if (refCtr && s.impressions >= MIN_IMPRESSIONS && a.dailyBudgetMinor && ratioAbove(s.clicks, s.impressions, CTR_FACTOR, refCtr.num, refCtr.den)) {
      const ctr = (s.clicks / s.impressions) * 100;
      const ref = (refCtr.num / refCtr.den) * 100;
      hits.push({
        rule: "CTR_ABOVE_2X_AVG",
        action: "SCALE_BUDGET",
        target: { level: "adset", id: a.id, adSetId: a.id },
        evidence: { window: { from, to }, ctrPercent: round2(ctr), referenceCtrPercent: round2(ref), reference: refCtr.source, ratio: round2(ctr / ref), impressions: s.impressions },
        params: { fromDailyMinor: a.dailyBudgetMinor, percent: 30 },
        reason: `CTR ${round2(ctr)} % is ${round2(ctr / ref)}x the ${refCtr.source === "peers" ? "average of the other ad sets" : "expected CTR"} (${round2(ref)} %): daily budget +30 % within the caps.`,
        message: { key: "ctrAboveAverage", values: { ratio: round2(ctr / ref), ctr: round2(ctr), reference: round2(ref) } },
      });
    }
  }

  // A creative > 50 % better (CTR) than every sibling in its ad set -> concentrate on it.
  for (const a of active) {
    const siblings = input.creatives
      .filter((c) => c.adSetId === a.id && c.status === "ACTIVE")
      .map((c) => ({ c, s: sum(inWindow(c.days, from, to)) }))
      .filter((x) => x.s.impressions >= MIN_IMPRESSIONS);
    if (siblings.length < 2) continue;
    const sorted = siblings.slice().sort((x, y) => y.s.clicks * x.s.impressions - x.s.clicks * y.s.impressions);
    const [best, ...rest] = sorted as [(typeof sorted)[number], ...typeof sorted];
    if (!rest.every((r) => ratioAbove(best.s.clicks, best.s.impressions, CREATIVE_FACTOR, r.s.clicks, r.s.impressions))) continue;
    const ctr = (x: Sum) => round2((x.clicks / x.impressions) * 100);
    const runnerUp = rest[0]!;
    hits.push({
      rule: "CREATIVE_OUTPERFORMS_50",
      action: "CONCENTRATE_CREATIVE",
      target: { level: "creative", id: best.c.id, adSetId: a.id },
      evidence: { window: { from, to }, ctrPercent: Object.fromEntries(sorted.map((x) => [x.c.label, ctr(x.s)])), leadOverRunnerUp: runnerUp.s.clicks > 0 ? round2((best.s.clicks * runnerUp.s.impressions) / (runnerUp.s.clicks * best.s.impressions)) : null },
      params: { pauseCreativeIds: rest.map((r) => r.c.id) },
      reason: `Creative ${best.c.label} has a CTR of ${ctr(best.s)} %, more than 1.5x each sibling (${rest.map((r) => `${r.c.label} ${ctr(r.s)} %`).join(", ")}): concentrate the ad set on it.`,
      message: { key: "creativeOutperforms", values: { label: best.c.label, ctr: ctr(best.s), others: rest.map((r) => `${r.c.label} ${ctr(r.s)} %`).join(", ") } },
    });
  }
  return hits;
}
