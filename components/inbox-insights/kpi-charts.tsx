"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { KpiWindowDto } from "@/lib/inbox/kpis/contracts";

/** Volumes per 2-hour window (messages, comments, escalations) and the response figures, for 48 hours and 7 days. */
export function KpiCharts({ last48h, last7d, timezone }: { last48h: KpiWindowDto[]; last7d: KpiWindowDto[]; timezone: string }) {
  const t = useTranslations("inboxInsights.kpis");
  const format = useFormatter();
  // The axis names hours (48 h) or days (7 days), thinned by Recharts so they never overlap on a phone;
  // the tooltip names the window in full.
  const tick = (withDay: boolean) => (start: string) => format.dateTime(new Date(start), withDay ? { weekday: "short", day: "numeric", timeZone: timezone } : { hour: "numeric", timeZone: timezone });
  const windowName = (start: unknown) => (typeof start === "string" ? format.dateTime(new Date(start), { weekday: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: timezone }) : String(start));
  const localDay = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: timezone });
  /** 7 days: one tick per local day, on its first window. */
  const dayTicks = (ws: KpiWindowDto[]) => ws.filter((w, i) => i === 0 || localDay.format(new Date(w.start)) !== localDay.format(new Date(ws[i - 1]!.start))).map((w) => w.start);
  // Numbers in the reader's language (12,5 in French), as on the cards.
  const tooltipValue = (v: unknown) => (typeof v === "number" ? format.number(v) : String(v));
  const rows = (ws: KpiWindowDto[]) =>
    ws.map((w) => ({
      start: w.start,
      messages: w.messages,
      comments: w.comments,
      escalations: w.escalations,
      frtMinutes: w.frtP50Seconds === null ? null : Math.round((w.frtP50Seconds / 60) * 10) / 10,
      autoRate: w.autoReplyRate === null ? null : Math.round(w.autoReplyRate * 100),
    }));
  const volume = (data: ReturnType<typeof rows>, aria: string, withDay: boolean, ticks?: string[]) => (
    <div className="h-64" role="img" aria-label={aria}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="start" tickFormatter={tick(withDay)} {...(ticks ? { ticks } : {})} interval="preserveStartEnd" minTickGap={ticks ? 4 : 12} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} />
          <YAxis allowDecimals={false} domain={[0, "auto"]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <Tooltip formatter={tooltipValue} labelFormatter={windowName} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="messages" name={t("messages")} stackId="v" fill="#2f6fed" />
          <Bar dataKey="comments" name={t("comments")} stackId="v" fill="#93c5fd" />
          <Bar dataKey="escalations" name={t("escalations")} fill="#f59e0b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
  const response = (data: ReturnType<typeof rows>, aria: string, withDay: boolean, ticks?: string[]) => (
    <div className="h-56" role="img" aria-label={aria}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="start" tickFormatter={tick(withDay)} {...(ticks ? { ticks } : {})} interval="preserveStartEnd" minTickGap={ticks ? 4 : 12} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} />
          <YAxis yAxisId="min" domain={[0, "auto"]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <Tooltip formatter={tooltipValue} labelFormatter={windowName} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line yAxisId="min" type="monotone" dataKey="frtMinutes" name={t("frtMinutes")} stroke="#2f6fed" dot={false} connectNulls />
          <Line yAxisId="pct" type="monotone" dataKey="autoRate" name={t("autoRatePct")} stroke="#10b981" dot={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
  const d48 = rows(last48h);
  const d7 = rows(last7d);
  const ticks7 = dayTicks(last7d);
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
        <CardHeader title={t("chart7d")} description={t("chartHint")} />
        <CardBody className="space-y-4">
          {volume(d7, t("chart7d"), true, ticks7)}
          {response(d7, t("responseChart7d"), true, ticks7)}
        </CardBody>
      </Card>
    </div>
  );
}
