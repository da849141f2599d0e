import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { ingestInput } from "@/lib/content/ingest/ingest-input";

/**
 * A plan item sent to the Content Flywheel in one click: a MANUAL text idea through MKT-101's own
 * intake (ingestInput), carrying the scenario's context. The idempotency key is the row: sending the
 * same item twice gives the same idea (duplicate: true).
 */
export async function sendPlanRowToFlywheel(opts: { organizationId: string; scenarioId: string; rowId: string; createdById?: string }): Promise<{ inputId: string; duplicate: boolean }> {
  const row = await db().scenarioPlanRow.findFirst({
    where: { id: opts.rowId, organizationId: opts.organizationId, plan: { scenarioId: opts.scenarioId } },
    select: { id: true, format: true, message: true, channel: true, frequency: true, kpi: true, plan: { select: { scenario: { select: { name: true, theme: true, targets: { select: { target: { select: { label: true } } } } } } } } },
  });
  if (!row) {
    const scenario = await db().scenario.findFirst({ where: { id: opts.scenarioId, organizationId: opts.organizationId }, select: { id: true } });
    throw scenario ? notFound("planRow", { field: "rowId" }) : notFound("scenario", { field: "id" });
  }
  const s = row.plan.scenario;
  const targets = s.targets.map((t) => t.target.label).join(", ");
  const text = [
    row.message,
    "",
    `${row.format} · ${row.channel} · ${row.frequency}`,
    `KPI : ${row.kpi}`,
    `Scénario : ${s.name} (${s.theme})${targets ? ` — ${targets}` : ""}`,
  ].join("\n");
  const res = await ingestInput({ organizationId: opts.organizationId, source: "MANUAL", input: { type: "text", text, idempotencyKey: `scenario-row:${row.id}` }, createdById: opts.createdById });
  return { inputId: res.input.id, duplicate: res.duplicate };
}

