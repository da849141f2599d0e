"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { KpiWindowDto } from "@/lib/inbox/kpis/contracts";

/** Volumes per 2-hour window (messages, comments, escalations) and the response figures, for 48 hours and 7 days. */
type ChartRow = { start: string; messages: number; comments: number; escalations: number; frtMinutes: number | null; autoRate: number | null };

export function KpiCharts({ last48h, last7d, timezone }: { last48h: KpiWindowDto[]; last7d: KpiWindowDto[]; timezone: string }) {
  const t = useTranslations("inboxInsights.kpis");
  const format = useFormatter();
  // The axis names hours (48 h) or days (7 days), thinned by Recharts so they never overlap on a phone;
  // the tooltip names the window in full.
  const tick = (withDay: boolean) => (start: string) => format.dateTime(new Date(start), withDay ? { weekday: "short", day: "numeric", timeZone: timezone } : { hour: "numeric", timeZone: timezone });
  const windowName = (start: unknown) => (typeof start === "string" ? format.dateTime(new Date(start), { weekday: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: timezone }) : String(start));
  const dayName = (start: unknown) => (typeof start === "string" ? format.dateTime(new Date(start), { weekday: "long", day: "numeric", month: "long", timeZone: timezone }) : String(start));
  const localDay = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: timezone });
  // Numbers in the reader's language (12,5 in French), as on the cards.
  const tooltipValue = (v: unknown) => (typeof v === "number" ? format.number(v) : String(v));
  const rows = (ws: KpiWindowDto[]): ChartRow[] =>
    ws.map((w) => ({
      start: w.start,
      messages: w.messages,
      comments: w.comments,
      escalations: w.escalations,
      frtMinutes: w.frtP50Seconds === null ? null : Math.round((w.frtP50Seconds / 60) * 10) / 10,
      autoRate: w.autoReplyRate === null ? null : Math.round(w.autoReplyRate * 100),
    }));
  const volume = (data: ChartRow[], aria: string, withDay: boolean, ticks?: string[]) => (
    <div className="h-64" role="img" aria-label={aria}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="start" tickFormatter={tick(withDay)} {...(ticks ? { ticks } : {})} interval="preserveStartEnd" minTickGap={ticks ? 4 : 12} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} />
          <YAxis allowDecimals={false} domain={[0, "auto"]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <Tooltip formatter={tooltipValue} labelFormatter={withDay ? dayName : windowName} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="messages" name={t("messages")} stackId="v" fill="#2f6fed" />
          <Bar dataKey="comments" name={t("comments")} stackId="v" fill="#93c5fd" />
          <Bar dataKey="escalations" name={t("escalations")} fill="#f59e0b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
  const response = (data: ChartRow[], aria: string, withDay: boolean, ticks?: string[]) => (
    <div className="h-56" role="img" aria-label={aria}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="start" tickFormatter={tick(withDay)} {...(ticks ? { ticks } : {})} interval="preserveStartEnd" minTickGap={ticks ? 4 : 12} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} />
          <YAxis yAxisId="min" domain={[0, "auto"]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <Tooltip formatter={tooltipValue} labelFormatter={withDay ? dayName : windowName} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {/* Straight segments between windows that had answers, and a dot on each: a smoothed line across empty windows drew figures that never happened. */}
          <Line yAxisId="min" type="linear" dataKey="frtMinutes" name={t("frtMinutes")} stroke="#2f6fed" dot={{ r: 2 }} connectNulls />
          <Line yAxisId="pct" type="linear" dataKey="autoRate" name={t("autoRatePct")} stroke="#10b981" dot={{ r: 2 }} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
  /**
   * 7 days as 7 local days: 84 two-hour bars are too thin to read on a screen and their response lines
   * zigzag between empty windows. Counts are the windows' sums, the automatic-reply share is recomputed
   * from the counts, and first response is the median of the windows' medians (as the 48 h card).
   */
  const daily = (ws: KpiWindowDto[]) => {
    const days = new Map<string, KpiWindowDto[]>();
    for (const w of ws) {
      const key = localDay.format(new Date(w.start));
      days.set(key, [...(days.get(key) ?? []), w]);
    }
    return [...days.values()].map((d) => {
      const sum = (f: (w: KpiWindowDto) => number) => d.reduce((n, w) => n + f(w), 0);
      const triaged = sum((w) => w.autoReplies + w.escalations + w.ignored);
      const frt = d.flatMap((w) => (w.frtP50Seconds === null ? [] : [w.frtP50Seconds])).sort((a, b) => a - b);
      const frtP50 = frt.length ? frt[Math.floor((frt.length - 1) / 2)]! : null;
      return {
        start: d[0]!.start,
        messages: sum((w) => w.messages),
        comments: sum((w) => w.comments),
        escalations: sum((w) => w.escalations),
        frtMinutes: frtP50 === null ? null : Math.round((frtP50 / 60) * 10) / 10,
        autoRate: triaged ? Math.round((sum((w) => w.autoReplies) / triaged) * 100) : null,
      };
    });
  };
  const d48 = rows(last48h);
  const d7 = daily(last7d);
  const ticks7 = d7.map((d) => d.start);
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2" data-testid="inbox-kpi-charts">
      <Card>
        <CardHeader title={t("chart48h")} description={t("chartHint")} />
        <CardBody className="space-y-4">
          {volume(d48, t("chart48h"), false)}
          {response(d48, t("responseChart48h"), false)}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("chart7d")} description={t("chartHint7d")} />
        <CardBody className="space-y-4">
          {volume(d7, t("chart7d"), true, ticks7)}
          {response(d7, t("responseChart7d"), true, ticks7)}
        </CardBody>
      </Card>
    </div>
  );
}
