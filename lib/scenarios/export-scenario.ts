import "server-only";
import { AppError } from "@/lib/errors";
import { getScenario } from "./get-scenario";
import { EXPORT_FORMAT } from "./schemas";

/**
 * Seed 002 export. JSON: the scenario as GET /scenarios/{id} gives it (objectives, targets, resources,
 * current plan) without the chat and inspirations. CSV: one line per item of the current plan with
 * the scenario's fields, UTF-8 with a BOM (spreadsheet tools then read accents right), ';' separated
 * (what a French spreadsheet expects), RFC 4180 quoting.
 */

export async function exportScenarioJson(opts: { organizationId: string; scenarioId: string }) {
  const s = await getScenario({ ...opts, messages: 0 });
  const { messages: _m, searches: _s, ...scenario } = s;
  return { format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), scenario };
}

const CSV_COLUMNS = ["scenario", "theme", "status", "description", "objectives", "targets", "resources", "plan_version", "plan_summary", "position", "format", "message", "channel", "frequency", "kpi"] as const;

function cell(v: string | number): string {
  const s = String(v);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportScenarioCsv(opts: { organizationId: string; scenarioId: string }): Promise<{ csv: string; fileName: string }> {
  const s = await getScenario({ ...opts, messages: 0 });
  if (!s.plan) throw new AppError("conflict", "assistant.noPlan", { field: "plan" });
  const shared = {
    scenario: s.name,
    theme: s.theme,
    status: s.status,
    description: s.description ?? "",
    objectives: s.objectives.map((o) => `${o.priority}. ${o.label}`).join(" | "),
    targets: s.targets.map((t) => `${t.label} (${t.maturity})`).join(" | "),
    resources: s.resources.map((r) => `${r.title} (${r.type})`).join(" | "),
    plan_version: s.plan.version,
    plan_summary: s.plan.summary,
  };
  const lines = [CSV_COLUMNS.join(";")];
  for (const r of s.plan.rows) {
    const row: Record<(typeof CSV_COLUMNS)[number], string | number> = { ...shared, position: r.position + 1, format: r.format, message: r.message, channel: r.channel, frequency: r.frequency, kpi: r.kpi };
    lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(";"));
  }
  return { csv: `\uFEFF${lines.join("\r\n")}\r\n`, fileName: fileNameOf(s.name, "csv") };
}

export function fileNameOf(name: string, ext: string): string {
  const base = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase()
    .slice(0, 60);
  return `scenario-${base || "export"}.${ext}`;
}
