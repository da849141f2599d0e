"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TrendChart } from "@/components/charts/trend-chart";

type Point = { day: string; success: number; failed: number; p95Ms: number | null };

/** An agent's runs per day (succeeded / failed, stacked) with the day's p95 duration in seconds (right axis). */
export function AgentPerformanceChart({ data, height = 240 }: { data: Point[]; height?: number }) {
  const t = useTranslations("agents.charts");
  const format = useFormatter();
  const rows = data.map((d) => ({ ...d, p95: d.p95Ms === null ? null : d.p95Ms / 1000 }));
  const day = (d: string) => format.dateTime(new Date(d), { day: "numeric", month: "short", timeZone: "UTC" });
  return (
    <div style={{ height }} role="img" aria-label={t("performanceLabel")} data-testid="agent-performance-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="day" tickFormatter={day} tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} minTickGap={16} />
          <YAxis yAxisId="runs" allowDecimals={false} tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} width={32} />
          <YAxis yAxisId="p95" orientation="right" tickFormatter={(v: number) => t("secondsShort", { seconds: v })} tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} width={48} />
          <Tooltip
            labelFormatter={(d) => format.dateTime(new Date(String(d)), { dateStyle: "medium", timeZone: "UTC" })}
            formatter={(v, name) => (name === t("p95") ? t("secondsShort", { seconds: Number(v) }) : format.number(Number(v)))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="runs" dataKey="success" name={t("success")} stackId="runs" fill="#10b981" />
          <Bar yAxisId="runs" dataKey="failed" name={t("failed")} stackId="runs" fill="#ef4444" />
          <Line yAxisId="p95" type="monotone" dataKey="p95" name={t("p95")} stroke="#6366f1" strokeWidth={2} dot={false} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** AI cost per day (credits: 1/100 cent), in euros. */
export function AgentCostChart({ data, height = 200 }: { data: { day: string; credits: number }[]; height?: number }) {
  const t = useTranslations("agents.charts");
  return <TrendChart data={data.map((d) => ({ day: d.day, cost: d.credits / 100 }))} series={[{ key: "cost", label: t("cost"), color: "#6366f1" }]} height={height} currency="EUR" />;
}
