import "server-only";
import { db } from "@/lib/db/client";

export type AgentListItemDto = {
  id: string;
  key: string;
  workflowCode: string | null;
  name: string;
  description: string | null;
  group: string | null;
  status: string;
  executionCount: number;
  errorCount: number;
  successRate: number | null;
  creditsUsed: number;
  lastExecutedAt: string | null;
};

export async function listAgents(opts: { organizationId: string; locale: string }): Promise<AgentListItemDto[]> {
  const rows = await db().agent.findMany({
    where: { organizationId: opts.organizationId },
    orderBy: [{ workflowCode: "asc" }, { name: "asc" }],
    select: { id: true, key: true, workflowCode: true, name: true, nameEn: true, description: true, template: { select: { descriptionFr: true, descriptionEn: true } }, group: true, status: true, executionCount: true, errorCount: true, creditsUsed: true, lastExecutedAt: true },
  });
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    workflowCode: r.workflowCode,
    name: opts.locale === "en" && r.nameEn ? r.nameEn : r.name,
    description: describe(r.description, r.template, opts.locale),
    group: r.group,
    status: r.status,
    executionCount: r.executionCount,
    errorCount: r.errorCount,
    successRate: r.executionCount > 0 ? (r.executionCount - r.errorCount) / r.executionCount : null,
    creditsUsed: r.creditsUsed,
    lastExecutedAt: r.lastExecutedAt?.toISOString() ?? null,
  }));
}

/** The catalogue description in the reader's language, unless the organisation wrote its own. */
function describe(own: string | null, template: { descriptionFr: string; descriptionEn: string } | null, locale: string): string | null {
  if (!template) return own;
  if (own === null || own === template.descriptionFr || own === template.descriptionEn) return locale === "en" ? template.descriptionEn : template.descriptionFr;
  return own;
}
