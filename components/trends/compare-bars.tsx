"use client";

import { useFormatter } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Two bars per category (this period, the previous one), values in percent (3.7 = 3.7 %). */
export function CompareBars({ data, currentLabel, previousLabel, ariaLabel, height = 220 }: { data: { label: string; current: number; previous: number }[]; currentLabel: string; previousLabel: string; ariaLabel: string; height?: number }) {
  const format = useFormatter();
  const pct = (v: number) => format.number(v / 100, { style: "percent", maximumFractionDigits: 1 });
  return (
    <div style={{ height }} role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} interval={0} />
          <YAxis tickFormatter={pct} tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} width={48} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="previous" name={previousLabel} fill="#cbd5e1" radius={[4, 4, 0, 0]} />
          <Bar dataKey="current" name={currentLabel} fill="#2f6fed" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
