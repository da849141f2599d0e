import { dayKey } from "@/lib/time/local-dates";

/** CPC of the last complete day above 2x its previous days' average; ROAS below half of it; spend ahead of plan by 20 %. */
export const CPC_SPIKE = 2;
export const ROAS_DROP = 0.5;
export const PACING_AHEAD = 1.2;

export type Anomaly = { kind: "cpcSpike" | "roasDrop" | "pacingAhead"; value: number; reference: number; day: string };

export type Fig = { day: string; impressions: number; clicks: number; spendMinor: number; conversionValueMinor: number };

/**
 * MKT-205 anomalies on a campaign's daily series (pure): CPC spike and ROAS drop of the last complete
 * day against the average of the days before it (at least 3 of them, with clicks / spend), and spend
 * pacing ahead of the budget (spent so far > 1.2 x daily budget x days elapsed).
 */
export function detectAnomalies(days: Fig[], today: string, plan: { dailyBudgetMinor: number | null; startDate: string; spentMinor: number }): Anomaly[] {
  const out: Anomaly[] = [];
  const complete = days.filter((d) => d.day < today).sort((a, b) => a.day.localeCompare(b.day));
  const last = complete.at(-1);
  const before = complete.slice(0, -1);
  if (last && before.length >= 3) {
    const clicks = before.reduce((n, d) => n + d.clicks, 0);
    const spend = before.reduce((n, d) => n + d.spendMinor, 0);
    const value = before.reduce((n, d) => n + d.conversionValueMinor, 0);
    if (last.clicks > 0 && clicks > 0) {
      const cpc = last.spendMinor / last.clicks;
      const ref = spend / clicks;
      if (cpc > CPC_SPIKE * ref) out.push({ kind: "cpcSpike", value: Math.round(cpc), reference: Math.round(ref), day: last.day });
    }
    if (last.spendMinor > 0 && spend > 0 && value > 0) {
      const roas = last.conversionValueMinor / last.spendMinor;
      const ref = value / spend;
      if (roas < ROAS_DROP * ref) out.push({ kind: "roasDrop", value: Math.round(roas * 100) / 100, reference: Math.round(ref * 100) / 100, day: last.day });
    }
  }
  if (plan.dailyBudgetMinor) {
    const elapsed = Math.max(1, Math.round((dayKey(today).getTime() - dayKey(plan.startDate).getTime()) / 86_400_000) + 1);
    const planned = plan.dailyBudgetMinor * elapsed;
    if (plan.spentMinor > PACING_AHEAD * planned) out.push({ kind: "pacingAhead", value: plan.spentMinor, reference: planned, day: today });
  }
  return out;
}
