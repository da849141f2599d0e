"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Select } from "@/components/ui/input";
import { diffConfigs } from "@/lib/agents/schemas";

type Version = { version: number; config: Record<string, unknown> };

/** Field by field, what changed between two configuration versions (by default the previous one and the current one). */
export function AgentConfigDiff({ versions, current, order, label }: { versions: Version[]; current: number; order: string[]; label: (field: string) => string }) {
  const t = useTranslations("agents.diff");
  const tf = useTranslations("agents.fields");
  const id = useId();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const previous = sorted.find((v) => v.version < current)?.version ?? sorted[sorted.length - 1]?.version ?? current;
  const [from, setFrom] = useState(previous);
  const [to, setTo] = useState(current);
  if (sorted.length < 2) return null;
  const a = sorted.find((v) => v.version === from)?.config ?? {};
  const b = sorted.find((v) => v.version === to)?.config ?? {};
  const changes = diffConfigs(a, b, order);
  const show = (v: unknown): string => {
    if (v === undefined || v === null) return "—";
    if (typeof v === "boolean") return t(v ? "yes" : "no");
    if (Array.isArray(v)) return v.length ? v.map(show).join(", ") : t("none");
    return tf.has(`values.${String(v)}`) ? tf(`values.${String(v)}`) : String(v);
  };
  return (
    <div data-testid="config-diff">
      <h3 className="text-sm font-semibold text-slate-700">{t("title")}</h3>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`${id}-from`} className="text-slate-600">
          {t("from")}
        </label>
        <Select id={`${id}-from`} value={String(from)} onChange={(e) => setFrom(Number(e.target.value))} className="w-auto" data-testid="config-diff-from">
          {sorted.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
            </option>
          ))}
        </Select>
        <label htmlFor={`${id}-to`} className="text-slate-600">
          {t("to")}
        </label>
        <Select id={`${id}-to`} value={String(to)} onChange={(e) => setTo(Number(e.target.value))} className="w-auto" data-testid="config-diff-to">
          {sorted.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
            </option>
          ))}
        </Select>
      </div>
      {changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t("same")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="config-diff-table">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t("field")}
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  v{from}
                </th>
                <th scope="col" className="py-1 font-medium">
                  v{to}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {changes.map((c) => (
                <tr key={c.field} data-testid={`config-diff-${c.field}`}>
                  <th scope="row" className="py-1 pr-3 font-medium text-slate-700">
                    {label(c.field)}
                  </th>
                  <td className="py-1 pr-3 text-red-700 line-through decoration-red-300">{show(c.before)}</td>
                  <td className="py-1 text-emerald-700">{show(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
