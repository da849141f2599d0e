"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CompareBars } from "@/components/trends/compare-bars";
import type { WeeklyFigures } from "@/lib/analytics/weekly/schemas";

/** The weekly report's charts: impressions and engagements per day, ad spend and revenue per day, engagement rate per network. */
export function WeeklyReportCharts({ figures, networkNames }: { figures: WeeklyFigures; networkNames: Record<string, string> }) {
  const t = useTranslations("weeklyReports");
  const format = useFormatter();
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { weekday: "short", day: "numeric", timeZone: "UTC" });
  const money = (minor: number) => format.number(minor / 100, { style: "currency", currency: figures.currency, maximumFractionDigits: 0 });
  const daily = figures.days.map((d) => ({
    label: day(d.day),
    impressions: d.impressions,
    engagements: d.engagements,
    spend: d.adSpendMinor,
    revenue: d.adRevenueMinor,
  }));
  const hasAds = figures.days.some((d) => d.adSpendMinor > 0 || d.adRevenueMinor > 0);
  const networks = figures.content.networks.map((n) => ({
    label: networkNames[n.network] ?? n.network,
    current: n.engagementRate ?? 0,
    previous: n.previousEngagementRate ?? 0,
  }));
  const axis = { fontSize: 12, fill: "#64748b" };
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <figure className="min-w-0">
        <figcaption className="mb-2 text-sm font-medium text-slate-700">{t("chartDaily")}</figcaption>
        <div style={{ height: 220 }} role="img" aria-label={t("chartDaily")} data-testid="weekly-report-chart-daily">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={daily} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="label" tick={axis} axisLine={false} tickLine={false} interval="preserveStartEnd" minTickGap={8} />
              <YAxis tick={axis} axisLine={false} tickLine={false} width={48} tickFormatter={(v: number) => format.number(v, { notation: "compact" })} />
              <Tooltip formatter={(v) => format.number(Number(v))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="impressions" name={t("impressions")} fill="#2f6fed" radius={[4, 4, 0, 0]} />
              <Bar dataKey="engagements" name={t("engagements")} fill="#10b981" radius={[4, 4, 0, 0]} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      {hasAds ? (
        <figure className="min-w-0">
          <figcaption className="mb-2 text-sm font-medium text-slate-700">{t("chartAds")}</figcaption>
          <div style={{ height: 220 }} role="img" aria-label={t("chartAds")}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={daily} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
                <XAxis dataKey="label" tick={axis} axisLine={false} tickLine={false} interval="preserveStartEnd" minTickGap={8} />
                <YAxis tick={axis} axisLine={false} tickLine={false} width={56} tickFormatter={money} />
                <Tooltip formatter={(v) => money(Number(v))} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Line type="monotone" dataKey="spend" name={t("spend")} stroke="#f59e0b" strokeWidth={2} dot={false} />
                <Line type="monotone" dataKey="revenue" name={t("revenue")} stroke="#2f6fed" strokeWidth={2} dot={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ) : null}
      {networks.length > 0 ? (
        <figure className="min-w-0">
          <figcaption className="mb-2 text-sm font-medium text-slate-700">{t("chartNetworks")}</figcaption>
          <CompareBars data={networks} currentLabel={t("thisWeek")} previousLabel={t("previousWeek")} ariaLabel={t("chartNetworks")} />
        </figure>
      ) : null}
    </div>
  );
}
