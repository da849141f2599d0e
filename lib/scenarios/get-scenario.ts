import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { ChatMessageDto, ScenarioDto } from "./contracts";
import type { ChatAction } from "./schemas";

type Tx = Prisma.TransactionClient;

/** The scenario's id when it belongs to the organisation; another organisation's (or none) is a 404. */
export async function assertScenario(opts: { organizationId: string; scenarioId: string; tx?: Tx }): Promise<{ id: string; name: string }> {
  const row = await (opts.tx ?? (db() as unknown as Tx)).scenario.findFirst({ where: { id: opts.scenarioId, organizationId: opts.organizationId }, select: { id: true, name: true } });
  if (!row) throw notFound("scenario", { field: "id" });
  return row;
}

export function toMessageDto(m: { id: string; author: "USER" | "ASSISTANT" | "SYSTEM"; content: string; action: string | null; actions: unknown; createdAt: Date; expiresAt: Date }): ChatMessageDto {
  return { id: m.id, author: m.author, content: m.content, action: m.action, actions: Array.isArray(m.actions) ? (m.actions as ChatAction[]) : [], createdAt: m.createdAt.toISOString(), expiresAt: m.expiresAt.toISOString() };
}

type SearchResultJson = { title: string; excerpt: string; recommendedAction: string; source: string; kind: "resource" | "target" | "objective" };

/** The enriched scenario (seed 002 GET /scenarios/{id}): entities, current plan, inspirations, recent messages. */
export async function getScenario(opts: { organizationId: string; scenarioId: string; now?: Date; tx?: Tx; messages?: number }): Promise<ScenarioDto> {
  const now = opts.now ?? new Date();
  const s = await (opts.tx ?? (db() as unknown as Tx)).scenario.findFirst({
    where: { id: opts.scenarioId, organizationId: opts.organizationId },
    include: {
      objectives: { include: { objective: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] },
      targets: { include: { target: true }, orderBy: { createdAt: "asc" } },
      resources: { include: { resource: true }, orderBy: { createdAt: "asc" } },
      plans: { orderBy: { version: "desc" }, take: 1, include: { rows: { orderBy: { position: "asc" } } } },
      searches: { orderBy: { createdAt: "desc" }, take: 5 },
      messages: { where: { expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, take: opts.messages ?? 20 },
      _count: { select: { plans: true } },
    },
  });
  if (!s) throw notFound("scenario", { field: "id" });
  const plan = s.plans[0];
  return {
    id: s.id,
    name: s.name,
    theme: s.theme,
    description: s.description,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    objectives: s.objectives.map((o) => ({ id: o.objective.id, label: o.objective.label, description: o.objective.description, priority: o.priority })),
    targets: s.targets.map((t) => ({ id: t.target.id, label: t.target.label, persona: t.target.persona, segment: t.target.segment, insight: t.target.insight, maturity: t.maturity })),
    resources: s.resources.map((r) => ({ id: r.resource.id, type: r.resource.type, title: r.resource.title, url: r.resource.url, note: r.resource.note, usage: r.usage })),
    plan: plan
      ? {
          id: plan.id,
          version: plan.version,
          summary: plan.summary,
          model: plan.model,
          generatedAt: plan.generatedAt.toISOString(),
          rows: plan.rows.map((r) => ({ id: r.id, position: r.position, format: r.format, message: r.message, channel: r.channel, frequency: r.frequency, kpi: r.kpi })),
        }
      : null,
    planVersions: s._count.plans,
    searches: s.searches.map((x) => ({ id: x.id, query: x.query, createdAt: x.createdAt.toISOString(), results: (Array.isArray(x.results) ? x.results : []) as SearchResultJson[] })),
    messages: s.messages.reverse().map(toMessageDto),
  };
}
