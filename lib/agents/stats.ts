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
