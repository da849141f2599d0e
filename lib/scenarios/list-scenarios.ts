import "server-only";
import { db } from "@/lib/db/client";

export type ScenarioListItemDto = { id: string; name: string; theme: string; description: string | null; status: string; updatedAt: string; objectives: number; targets: number; planRows: number };

export async function listScenarios(opts: { organizationId: string }): Promise<ScenarioListItemDto[]> {
  const rows = await db().scenario.findMany({
    where: { organizationId: opts.organizationId },
    orderBy: { updatedAt: "desc" },
    take: 100,
    select: { id: true, name: true, theme: true, description: true, status: true, updatedAt: true, _count: { select: { objectives: true, targets: true } }, plans: { select: { _count: { select: { rows: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    theme: r.theme,
    description: r.description,
    status: r.status,
    updatedAt: r.updatedAt.toISOString(),
    objectives: r._count.objectives,
    targets: r._count.targets,
    planRows: r.plans.reduce((n, p) => n + p._count.rows, 0),
  }));
}
