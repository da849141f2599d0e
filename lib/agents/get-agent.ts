import "server-only";
import { db } from "@/lib/db/client";
import { getAiCreditBalance } from "@/lib/providers/ai/credits";
import { AGENT_TEMPLATES } from "./catalogue";
import { findAgentOr404 } from "./find-agent";
import { canRunNow } from "./run-now";
import { computeAgentStats, computeDailySeries, STATS_PERIODS, type AgentStats, type DailyPoint, type StatsPeriod } from "./stats";

export type AgentDetailDto = {
  id: string;
  key: string;
  workflowCode: string | null;
  name: string;
  description: string | null;
  status: string;
  kind: string;
  trigger: string | null;
  schedule: string | null;
  /** A scheduled agent whose cron workflow can be started at once ("Run now"). */
  runNow: boolean;
  version: string;
  config: Record<string, unknown>;
  configVersion: number;
  configSchema: Record<string, unknown>;
  requiredConnections: string[];
  useCases: string[];
  versions: { version: number; reason: string; createdAt: string; config: Record<string, unknown> }[];
  stats: AgentStats[];
  /** The last 30 UTC days: runs succeeded / failed, p95 duration, AI credits (the performance and cost charts). */
  daily: DailyPoint[];
  /** AI credits of the month: this agent's, the organisation's, and its monthly budget (1 credit = 1/100 cent). */
  month: { agentCredits: number; usedCredits: number; budgetCredits: number; remainingCredits: number; resetsAt: string };
};

/** One agent of the organisation for its page: configuration and schema, versions, stats per period, AI cost of the month. */
export async function getAgent(opts: { organizationId: string; agentId: string; locale: string; now?: Date }): Promise<AgentDetailDto> {
  const now = opts.now ?? new Date();
  const agent = await findAgentOr404(opts);
  const entry = AGENT_TEMPLATES.find((e) => e.slug === agent.key);
  const since = new Date(now.getTime() - STATS_PERIODS["30d"]);
  const [versions, executions, balance] = await Promise.all([
    db().agentConfigVersion.findMany({ where: { agentId: agent.id }, orderBy: { version: "desc" }, take: 20, select: { version: true, reason: true, createdAt: true, config: true } }),
    db().agentExecution.findMany({ where: { agentId: agent.id, startedAt: { gt: since } }, select: { status: true, startedAt: true, durationMs: true, tokensUsed: true, credits: true } }),
    getAiCreditBalance({ organizationId: opts.organizationId, now }),
  ]);
  const agentMonth = await db().aiUsageEntry.aggregate({ where: { organizationId: opts.organizationId, agentId: agent.id, kind: "USAGE", occurredAt: { gte: balance.periodStart, lt: balance.resetsAt } }, _sum: { credits: true } });
  const en = opts.locale === "en";
  const t = agent.template;
  return {
    id: agent.id,
    key: agent.key,
    workflowCode: agent.workflowCode,
    name: en && agent.nameEn ? agent.nameEn : agent.name,
    description: t ? (en ? t.descriptionEn : t.descriptionFr) : agent.description,
    status: agent.status,
    kind: agent.kind,
    trigger: t?.trigger ?? null,
    schedule: t?.schedule ?? null,
    runNow: canRunNow(agent.workflowCode),
    version: agent.version,
    config: (agent.config ?? {}) as Record<string, unknown>,
    configVersion: agent.configVersion,
    configSchema: (t?.configSchema ?? { type: "object", properties: {} }) as Record<string, unknown>,
    requiredConnections: t?.requiredConnections ?? entry?.requiredConnections ?? [],
    useCases: en ? [entry?.descriptionEn ?? ""].filter(Boolean) : (t?.useCases ?? []),
    versions: versions.map((v) => ({ version: v.version, reason: v.reason, createdAt: v.createdAt.toISOString(), config: v.config as Record<string, unknown> })),
    stats: (Object.keys(STATS_PERIODS) as StatsPeriod[]).map((p) => computeAgentStats(executions, p, now)),
    daily: computeDailySeries(executions, 30, now),
    month: { agentCredits: agentMonth._sum.credits ?? 0, usedCredits: balance.used, budgetCredits: balance.budget, remainingCredits: balance.remaining, resetsAt: balance.resetsAt.toISOString() },
  };
}
