"use client";

import { useFormatter } from "next-intl";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = { key: string; label: string; color: string };

/** A small time-series chart (days on the x axis); numbers formatted in the user's locale. */
export function TrendChart({ data, series, height = 240, currency }: { data: Record<string, number | string | null>[]; series: Series[]; height?: number; currency?: string }) {
  const format = useFormatter();
  const max = Math.max(0, ...data.flatMap((d) => series.map((s) => Number(d[s.key]) || 0)));
  // Cents under 100 € (a campaign's first hours: ticks 0,30 € / 0,60 € rather than "0 €" twice).
  const fmt = (v: number) => (currency ? format.number(v / 100, { style: "currency", currency, maximumFractionDigits: max < 10_000 ? 2 : 0 }) : format.number(v, { notation: "compact" }));
  // Wide enough for the longest tick ("14 000 €"), so no label is cut.
  const axisWidth = Math.max(40, fmt(max).length * 7 + 12);
  return (
    <div style={{ height }} role="img" aria-label={series.map((s) => s.label).join(", ")}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <defs>
            {series.map((s) => (
              <linearGradient key={s.key} id={`grad-${s.key}`} x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor={s.color} stopOpacity={0.3} />
                <stop offset="100%" stopColor={s.color} stopOpacity={0} />
              </linearGradient>
            ))}
          </defs>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => format.dateTime(new Date(d), { day: "numeric", month: "short", timeZone: "UTC" })} tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} />
          <YAxis tickFormatter={fmt} allowDecimals={!currency} domain={max === 0 ? [0, currency ? 100 : 1] : [0, "auto"]} tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} width={axisWidth} />
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(d) => format.dateTime(new Date(String(d)), { dateStyle: "medium", timeZone: "UTC" })} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} fill={`url(#grad-${s.key})`} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
