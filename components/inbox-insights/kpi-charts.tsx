"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { KpiWindowDto } from "@/lib/inbox/kpis/contracts";

/** Volumes per 2-hour window (messages, comments, escalations) and the response figures, for 48 hours and 7 days. */
export function KpiCharts({ last48h, last7d, timezone }: { last48h: KpiWindowDto[]; last7d: KpiWindowDto[]; timezone: string }) {
  const t = useTranslations("inboxInsights.kpis");
  const format = useFormatter();
  const label = (w: KpiWindowDto, withDay: boolean) =>
    format.dateTime(new Date(w.start), withDay ? { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: timezone } : { hour: "2-digit", minute: "2-digit", timeZone: timezone });
  // Numbers in the reader's language (12,5 in French), as on the cards.
  const tooltipValue = (v: unknown) => (typeof v === "number" ? format.number(v) : String(v));
  const rows = (ws: KpiWindowDto[], withDay: boolean) =>
    ws.map((w) => ({
      label: label(w, withDay),
      messages: w.messages,
      comments: w.comments,
      escalations: w.escalations,
      frtMinutes: w.frtP50Seconds === null ? null : Math.round((w.frtP50Seconds / 60) * 10) / 10,
      autoRate: w.autoReplyRate === null ? null : Math.round(w.autoReplyRate * 100),
    }));
  const volume = (data: ReturnType<typeof rows>, aria: string, interval: number) => (
    <div className="h-64" role="img" aria-label={aria}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} interval={interval} minTickGap={8} />
          <YAxis allowDecimals={false} domain={[0, "auto"]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <Tooltip formatter={tooltipValue} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="messages" name={t("messages")} stackId="v" fill="#2f6fed" />
          <Bar dataKey="comments" name={t("comments")} stackId="v" fill="#93c5fd" />
          <Bar dataKey="escalations" name={t("escalations")} fill="#f59e0b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
  const response = (data: ReturnType<typeof rows>, aria: string, interval: number) => (
    <div className="h-56" role="img" aria-label={aria}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} interval={interval} minTickGap={8} />
          <YAxis yAxisId="min" domain={[0, "auto"]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} tick={{ fontSize: 11, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <Tooltip formatter={tooltipValue} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line yAxisId="min" type="monotone" dataKey="frtMinutes" name={t("frtMinutes")} stroke="#2f6fed" dot={false} connectNulls />
          <Line yAxisId="pct" type="monotone" dataKey="autoRate" name={t("autoRatePct")} stroke="#10b981" dot={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
  const d48 = rows(last48h, false);
  const d7 = rows(last7d, true);
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2" data-testid="inbox-kpi-charts">
      <Card>
        <CardHeader title={t("chart48h")} description={t("chartHint")} />
        <CardBody className="space-y-4">
          {volume(d48, t("chart48h"), 2)}
          {response(d48, t("responseChart48h"), 2)}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("chart7d")} description={t("chartHint")} />
        <CardBody className="space-y-4">
          {volume(d7, t("chart7d"), 11)}
          {response(d7, t("responseChart7d"), 11)}
        </CardBody>
      </Card>
    </div>
  );
}
