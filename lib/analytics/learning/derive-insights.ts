import type { Direction } from "./compare-insights";

/**
 * MKT-404's reading of 30 days of performance (pure): per network, against the organisation's own
 * average over the same days (MKT-402's daily slices),
 * - CONTENT_PERFORMANCE: engagement rate (engagements / impressions), at least 500 impressions;
 * - AD_OPTIMIZATION: ROAS (ad revenue / ad spend), at least 10 000 minor units spent;
 * - LEAD_QUALIFICATION: share of hot leads among new leads, at least 5 leads.
 * A network 20 % above or below the average says something; closer, nothing. Confidence grows with the
 * sample and the gap (0.5 -> 0.95). The words are the organisation's language.
 */
export type NetworkTotals = {
  network: string;
  impressions: number;
  engagements: number;
  adSpendMinor: number;
  adRevenueMinor: number;
  leadsNew: number;
  leadsHot: number;
};
export type InsightDraft = {
  type: "CONTENT_PERFORMANCE" | "AD_OPTIMIZATION" | "LEAD_QUALIFICATION";
  subject: string;
  direction: Direction;
  title: string;
  description: string;
  recommendedAction: string;
  confidence: number;
  evidence: { subject: string; direction: Direction; network: string; value: number; average: number; sample: number };
};

const GAP = 0.2;
const NETWORK_NAMES: Record<string, string> = { instagram: "Instagram", facebook: "Facebook", linkedin: "LinkedIn", tiktok: "TikTok", x: "X", youtube: "YouTube", google: "Google Ads", meta_ads: "Meta Ads", google_ads: "Google Ads", tiktok_ads: "TikTok Ads", NONE: "—" };
const name = (n: string) => NETWORK_NAMES[n] ?? NETWORK_NAMES[n.toLowerCase()] ?? n;
const pct = (r: number) => `${Math.round(Math.abs(r - 1) * 100)} %`;

type Metric = { type: InsightDraft["type"]; key: string; min: number; value: (t: NetworkTotals) => [num: number, den: number] };
const METRICS: Metric[] = [
  { type: "CONTENT_PERFORMANCE", key: "engagement", min: 500, value: (t) => [t.engagements, t.impressions] },
  { type: "AD_OPTIMIZATION", key: "roas", min: 10_000, value: (t) => [t.adRevenueMinor, t.adSpendMinor] },
  { type: "LEAD_QUALIFICATION", key: "hot-leads", min: 5, value: (t) => [t.leadsHot, t.leadsNew] },
];

const WORDS = {
  fr: {
    engagement: { up: (n: string, p: string) => [`${n} engage plus`, `Sur 30 jours, le taux d’engagement sur ${n} dépasse de ${p} la moyenne de l’organisation.`, `Privilégier ${n} pour les contenus clés et reprendre ses formats gagnants ailleurs.`], down: (n: string, p: string) => [`${n} engage moins`, `Sur 30 jours, le taux d’engagement sur ${n} est inférieur de ${p} à la moyenne de l’organisation.`, `Revoir les formats et les horaires sur ${n}, ou y réduire la cadence.`] },
    roas: { up: (n: string, p: string) => [`Les annonces ${n} rapportent plus`, `Sur 30 jours, le ROAS sur ${n} dépasse de ${p} la moyenne des campagnes.`, `Déplacer du budget vers ${n}, dans les plafonds.`], down: (n: string, p: string) => [`Les annonces ${n} rapportent moins`, `Sur 30 jours, le ROAS sur ${n} est inférieur de ${p} à la moyenne des campagnes.`, `Réduire le budget sur ${n} ou revoir ciblage et créations.`] },
    "hot-leads": { up: (n: string, p: string) => [`Des leads plus chauds via ${n}`, `Sur 30 jours, la part de leads chauds venus de ${n} dépasse de ${p} la moyenne.`, `Renforcer l’acquisition sur ${n}.`], down: (n: string, p: string) => [`Des leads moins chauds via ${n}`, `Sur 30 jours, la part de leads chauds venus de ${n} est inférieure de ${p} à la moyenne.`, `Qualifier davantage le ciblage et le formulaire sur ${n}.`] },
  },
  en: {
    engagement: { up: (n: string, p: string) => [`${n} engages more`, `Over 30 days, the engagement rate on ${n} is ${p} above the organisation's average.`, `Favour ${n} for key content and reuse its winning formats elsewhere.`], down: (n: string, p: string) => [`${n} engages less`, `Over 30 days, the engagement rate on ${n} is ${p} below the organisation's average.`, `Review formats and posting times on ${n}, or lower its cadence.`] },
    roas: { up: (n: string, p: string) => [`${n} ads return more`, `Over 30 days, ROAS on ${n} is ${p} above the campaigns' average.`, `Move budget towards ${n}, within the caps.`], down: (n: string, p: string) => [`${n} ads return less`, `Over 30 days, ROAS on ${n} is ${p} below the campaigns' average.`, `Lower the budget on ${n} or review targeting and creatives.`] },
    "hot-leads": { up: (n: string, p: string) => [`Hotter leads from ${n}`, `Over 30 days, the share of hot leads from ${n} is ${p} above the average.`, `Invest more in acquisition on ${n}.`], down: (n: string, p: string) => [`Colder leads from ${n}`, `Over 30 days, the share of hot leads from ${n} is ${p} below the average.`, `Tighten targeting and the form on ${n}.`] },
  },
} as const;

export function deriveInsights(totals: readonly NetworkTotals[], locale: "fr" | "en"): InsightDraft[] {
  const out: InsightDraft[] = [];
  const rows = totals.filter((t) => t.network !== "NONE");
  for (const m of METRICS) {
    const eligible = rows.filter((t) => m.value(t)[1] >= m.min);
    if (eligible.length < 2) continue; // an average of one network says nothing about it
    const [num, den] = eligible.reduce(([a, b], t) => { const [x, y] = m.value(t); return [a + x, b + y]; }, [0, 0]);
    const average = num / den;
    if (average <= 0) continue;
    for (const t of eligible) {
      const [x, y] = m.value(t);
      const value = x / y;
      const ratio = value / average;
      if (Math.abs(ratio - 1) < GAP) continue;
      const direction: Direction = ratio > 1 ? "up" : "down";
      const subject = `network:${t.network.toLowerCase()}:${m.key}`;
      const [title, description, recommendedAction] = WORDS[locale][m.key as "engagement"][direction](name(t.network), pct(ratio));
      const sampleWeight = Math.min(1, y / (m.min * 10));
      const gapWeight = Math.min(1, Math.abs(ratio - 1));
      const confidence = Math.round((0.5 + 0.45 * ((sampleWeight + gapWeight) / 2)) * 100) / 100;
      out.push({ type: m.type, subject, direction, title, description, recommendedAction, confidence, evidence: { subject, direction, network: t.network, value, average, sample: y } });
    }
  }
  return out;
}
