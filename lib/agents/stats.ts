/**
 * Execution statistics of an agent over a period, pure (no database: unit-tested on fixtures).
 * - executions: runs that ran (SKIPPED runs of an inactive agent are counted apart, `skipped`);
 * - successRate: SUCCESS / finished runs (SUCCESS, ERROR, TIMEOUT), null when none finished;
 * - avgDurationMs / p95DurationMs over finished runs with a duration (p95: nearest rank, ceil(0.95 n));
 * - tokens and credits: sums (credits: 1 credit = 1/100 of a cent of AI spend).
 */
export const STATS_PERIODS = { "24h": 24 * 3600_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type StatsPeriod = keyof typeof STATS_PERIODS;

export type ExecutionFact = { status: string; startedAt: Date; durationMs: number | null; tokensUsed: number; credits: number };
export type AgentStats = {
  period: StatsPeriod;
  executions: number;
  skipped: number;
  successes: number;
  errors: number;
  successRate: number | null;
  avgDurationMs: number | null;
  p95DurationMs: number | null;
  tokens: number;
  credits: number;
};

const FINISHED = new Set(["SUCCESS", "ERROR", "TIMEOUT"]);

export function computeAgentStats(rows: ExecutionFact[], period: StatsPeriod, now: Date): AgentStats {
  const from = now.getTime() - STATS_PERIODS[period];
  const inPeriod = rows.filter((r) => r.startedAt.getTime() > from && r.startedAt.getTime() <= now.getTime());
  const ran = inPeriod.filter((r) => r.status !== "SKIPPED");
  const finished = ran.filter((r) => FINISHED.has(r.status));
  const successes = finished.filter((r) => r.status === "SUCCESS").length;
  const durations = finished.map((r) => r.durationMs).filter((d): d is number => d !== null).sort((a, b) => a - b);
  return {
    period,
    executions: ran.length,
    skipped: inPeriod.length - ran.length,
    successes,
    errors: finished.length - successes,
    successRate: finished.length ? successes / finished.length : null,
    avgDurationMs: durations.length ? Math.round(durations.reduce((s, d) => s + d, 0) / durations.length) : null,
    p95DurationMs: durations.length ? durations[Math.ceil(0.95 * durations.length) - 1]! : null,
    tokens: ran.reduce((s, r) => s + r.tokensUsed, 0),
    credits: ran.reduce((s, r) => s + r.credits, 0),
  };
}

/** Executions of an organisation's agents (the overview and health read them together). */
export type AgentExecutionFact = ExecutionFact & { agentId: string };
export type AgentFact = { id: string; name: string; workflowCode: string | null; status: string; lastExecutedAt: Date | null };

export type AgentsOverview = {
  agents: number;
  active: number;
  /** Runs started in the last 24 h (skipped runs of agents that are off are not runs). */
  executionsToday: number;
  /** Average duration of the finished runs of the last 24 h, null when none finished. */
  avgResponseMs: number | null;
  /** Failed (ERROR, TIMEOUT) / finished runs of the last 24 h, null when none finished. */
  errorRate: number | null;
  /** The 5 agents with the most runs in the last 7 days (ties by name), with their success rate. */
  top: { id: string; name: string; executions: number; successRate: number | null }[];
};

export type AgentHealth = {
  id: string;
  name: string;
  workflowCode: string | null;
  status: string;
  lastExecutedAt: Date | null;
  /** Failed / finished runs of the last 7 days, null without any. */
  errorRate7d: number | null;
  executions7d: number;
  /** off: not ACTIVE; failing: error rate of 7 days >= 50 %; degraded: >= 10 %; idle: no run in 7 days; ok otherwise. */
  health: "off" | "failing" | "degraded" | "idle" | "ok";
};

/** The Agents page overview over the organisation's executions, pure (hand-computed values in the unit test). */
export function computeAgentsOverview(agents: AgentFact[], rows: AgentExecutionFact[], now: Date): AgentsOverview {
  const day = computeAgentStats(rows, "24h", now);
  const finished = day.successes + day.errors;
  const week = groupStats(rows, "7d", now);
  const top = agents
    .map((a) => ({ id: a.id, name: a.name, executions: week.get(a.id)?.executions ?? 0, successRate: week.get(a.id)?.successRate ?? null }))
    .filter((a) => a.executions > 0)
    .sort((a, b) => b.executions - a.executions || a.name.localeCompare(b.name))
    .slice(0, 5);
  return {
    agents: agents.length,
    active: agents.filter((a) => a.status === "ACTIVE").length,
    executionsToday: day.executions,
    avgResponseMs: day.avgDurationMs,
    errorRate: finished ? day.errors / finished : null,
    top,
  };
}

/** Health of every agent: status, last run, error rate of the last 7 days. */
export function computeAgentsHealth(agents: AgentFact[], rows: AgentExecutionFact[], now: Date): AgentHealth[] {
  const week = groupStats(rows, "7d", now);
  return agents.map((a) => {
    const s = week.get(a.id);
    const finished = s ? s.successes + s.errors : 0;
    const errorRate7d = s && finished ? s.errors / finished : null;
    const health: AgentHealth["health"] =
      a.status !== "ACTIVE" ? "off" : errorRate7d !== null && errorRate7d >= 0.5 ? "failing" : errorRate7d !== null && errorRate7d >= 0.1 ? "degraded" : !s?.executions ? "idle" : "ok";
    return { id: a.id, name: a.name, workflowCode: a.workflowCode, status: a.status, lastExecutedAt: a.lastExecutedAt, errorRate7d, executions7d: s?.executions ?? 0, health };
  });
}

function groupStats(rows: AgentExecutionFact[], period: StatsPeriod, now: Date): Map<string, AgentStats> {
  const by = new Map<string, AgentExecutionFact[]>();
  for (const r of rows) by.set(r.agentId, [...(by.get(r.agentId) ?? []), r]);
  return new Map([...by].map(([id, list]) => [id, computeAgentStats(list, period, now)]));
}

export type DailyPoint = { day: string; success: number; failed: number; p95Ms: number | null; credits: number };

/**
 * One point per UTC day of the last `days` days (oldest first, today included): successful and failed
 * (ERROR, TIMEOUT) runs, the p95 duration of the day's finished runs (nearest rank), the AI credits.
 */
export function computeDailySeries(rows: ExecutionFact[], days: number, now: Date): DailyPoint[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const points: DailyPoint[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const start = today - i * 86_400_000;
    const of = rows.filter((r) => r.startedAt.getTime() >= start && r.startedAt.getTime() < start + 86_400_000 && r.startedAt.getTime() <= now.getTime());
    const finished = of.filter((r) => FINISHED.has(r.status));
    const durations = finished.map((r) => r.durationMs).filter((d): d is number => d !== null).sort((a, b) => a - b);
    points.push({
      day: new Date(start).toISOString().slice(0, 10),
      success: finished.filter((r) => r.status === "SUCCESS").length,
      failed: finished.filter((r) => r.status !== "SUCCESS").length,
      p95Ms: durations.length ? durations[Math.ceil(0.95 * durations.length) - 1]! : null,
      credits: of.reduce((s, r) => s + r.credits, 0),
    });
  }
  return points;
}
