import "server-only";
import { db } from "@/lib/db/client";
import { getAiCreditBalance } from "@/lib/providers/ai/credits";
import { computeAgentsHealth, computeAgentsOverview, computeDailySeries, STATS_PERIODS, type AgentHealth, type AgentsOverview, type DailyPoint } from "./stats";

export type AgentsAnalytics = {
  overview: AgentsOverview;
  health: (Omit<AgentHealth, "lastExecutedAt"> & { lastExecutedAt: string | null })[];
  /** The organisation's AI credits per UTC day of the month so far (1 credit = 1/100 cent). */
  costPerDay: { day: string; credits: number }[];
  /** This month's AI credits per agent, most expensive first (agents that spent nothing left out). */
  costPerAgent: { id: string; name: string; credits: number }[];
  budget: { usedCredits: number; budgetCredits: number; remainingCredits: number; resetsAt: string };
};

/** The Agents page's analytics: overview, health of every agent, AI cost per day and per agent against the monthly budget. */
export async function getAgentsAnalytics(opts: { organizationId: string; locale: string; now?: Date }): Promise<AgentsAnalytics> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - STATS_PERIODS["7d"]);
  const [agents, rows, balance] = await Promise.all([
    db().agent.findMany({ where: { organizationId: opts.organizationId }, orderBy: [{ workflowCode: "asc" }, { name: "asc" }], select: { id: true, name: true, nameEn: true, workflowCode: true, status: true, lastExecutedAt: true } }),
    db().agentExecution.findMany({ where: { organizationId: opts.organizationId, startedAt: { gt: since } }, select: { agentId: true, status: true, startedAt: true, durationMs: true, tokensUsed: true, credits: true } }),
    getAiCreditBalance({ organizationId: opts.organizationId, now }),
  ]);
  const ledger = await db().aiUsageEntry.findMany({
    where: { organizationId: opts.organizationId, kind: "USAGE", occurredAt: { gte: balance.periodStart, lt: balance.resetsAt } },
    select: { agentId: true, credits: true, occurredAt: true },
  });
  const facts = agents.map((a) => ({ ...a, name: opts.locale === "en" && a.nameEn ? a.nameEn : a.name }));
  const days = Math.max(1, Math.ceil((now.getTime() - balance.periodStart.getTime()) / 86_400_000));
  const costPerDay = computeDailySeries(
    ledger.map((l) => ({ status: "SUCCESS", startedAt: l.occurredAt, durationMs: null, tokensUsed: 0, credits: l.credits })),
    Math.min(days, 31),
    now,
  ).map((p: DailyPoint) => ({ day: p.day, credits: p.credits }));
  const byAgent = new Map<string, number>();
  for (const l of ledger) if (l.agentId) byAgent.set(l.agentId, (byAgent.get(l.agentId) ?? 0) + l.credits);
  return {
    overview: computeAgentsOverview(facts, rows, now),
    health: computeAgentsHealth(facts, rows, now).map((h) => ({ ...h, lastExecutedAt: h.lastExecutedAt?.toISOString() ?? null })),
    costPerDay,
    costPerAgent: facts
      .map((a) => ({ id: a.id, name: a.name, credits: byAgent.get(a.id) ?? 0 }))
      .filter((a) => a.credits > 0)
      .sort((a, b) => b.credits - a.credits),
    budget: { usedCredits: balance.used, budgetCredits: balance.budget, remainingCredits: balance.remaining, resetsAt: balance.resetsAt.toISOString() },
  };
}
