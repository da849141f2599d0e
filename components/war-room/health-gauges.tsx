import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AgentHealthDto, AgentHealthMetricDto } from "@/lib/warroom/health/contracts";

const COLOR: Record<AgentHealthMetricDto["status"], string> = { ok: "#10b981", warning: "#f59e0b", critical: "#ef4444", unknown: "#cbd5e1" };
const TEXT: Record<AgentHealthMetricDto["status"], string> = { ok: "text-emerald-700", warning: "text-amber-700", critical: "text-red-700", unknown: "text-slate-500" };

/** A half-circle gauge: the arc fills with the value on a scale where the warning and critical bounds sit at 1/2 and 3/4 (0-100 for a rate that should be high). */
function Gauge({ m }: { m: AgentHealthMetricDto }) {
  const max = m.higherIsBetter ? 100 : m.critical * (4 / 3);
  const fraction = m.value === null ? 0 : Math.max(0, Math.min(1, m.value / max));
  const r = 40;
  const point = (f: number) => {
    const a = Math.PI * (1 - f);
    return `${50 + r * Math.cos(a)} ${50 - r * Math.sin(a)}`;
  };
  return (
    <svg viewBox="0 0 100 56" className="h-16 w-28 shrink-0" aria-hidden>
      <path d={`M ${point(0)} A ${r} ${r} 0 0 1 ${point(1)}`} fill="none" stroke="#e2e8f0" strokeWidth="9" strokeLinecap="round" />
      {fraction > 0 ? <path d={`M ${point(0)} A ${r} ${r} 0 0 1 ${point(fraction)}`} fill="none" stroke={COLOR[m.status]} strokeWidth="9" strokeLinecap="round" /> : null}
      {[m.warning, m.critical].map((b) => {
        const f = Math.min(1, b / max);
        const a = Math.PI * (1 - f);
        return <line key={b} x1={50 + 33 * Math.cos(a)} y1={50 - 33 * Math.sin(a)} x2={50 + 47 * Math.cos(a)} y2={50 - 47 * Math.sin(a)} stroke="#64748b" strokeWidth="1" />;
      })}
    </svg>
  );
}

/** Seed 000 §8.1 on the War Room: six gauges with their value, status, target and how many measurements they rest on. */
export async function HealthGauges({ health }: { health: AgentHealthDto }) {
  const t = await getTranslations("warRoomHealth");
  const value = (m: AgentHealthMetricDto, v: number) => t(`value.${m.unit}`, { value: v });
  return (
    <Card data-testid="agent-health">
      <CardHeader title={t("title")} description={t("description", { days: health.windowDays })} />
      <CardBody>
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {health.metrics.map((m) => (
            <li key={m.key} className="flex items-center gap-3 rounded-lg border border-slate-100 p-3" data-testid={`health-${m.key}`} data-status={m.status}>
              <Gauge m={m} />
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{t(`metric.${m.key}`)}</p>
                <p className={`text-lg font-semibold tabular-nums ${TEXT[m.status]}`}>
                  {m.value === null ? "—" : value(m, m.value)} <span className="text-xs font-medium">{t(`status.${m.status}`)}</span>
                </p>
                <p className="text-xs text-slate-500">
                  {t("target", { kind: m.higherIsBetter ? "higher" : m.target === 0 ? "exact" : "lower", value: value(m, m.target) })}
                  {m.unit === "count" ? null : <> · {t("sample", { count: m.sample })}</>}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
