import { agentRunRequested } from "@/inngest/events";

/**
 * The scheduled agents that can be run on demand: the workflow code and the ids of its cron
 * functions (MKT-107 has two: the sweep of missed publications and the expansion of recurrences).
 * Each of these functions carries `runNowTrigger(code)` beside its cron, so "Run now" goes through
 * the ordinary event path and runs durably (retries, concurrency, the agents middleware). A test
 * checks this table against the functions' triggers.
 */
export const RUN_NOW_FUNCTIONS: Record<string, string[]> = {
  "MKT-101": ["mkt-101-daily-pickup"],
  "MKT-105": ["mkt-105-approval-reminders"],
  "MKT-107": ["mkt-107-sweep", "mkt-107-expand-recurrences"],
  "MKT-108": ["mkt-108-collect-metrics"],
  "MKT-109": ["mkt-109-detect-signals"],
  "MKT-201": ["mkt-201-competitor-research"],
  "MKT-205": ["mkt-205-collect-ad-metrics"],
  "MKT-206": ["mkt-206-optimize-campaigns"],
  "MKT-401": ["mkt-401-refresh-tokens"],
  "MKT-402": ["mkt-402-daily-analytics-tick"],
  "MKT-403": ["mkt-403-weekly-report-tick"],
  "MKT-404": ["mkt-404-learning-loop"],
};

/** The extra trigger of a scheduled agent's cron function: its "Run now" event. */
export function runNowTrigger(workflowCode: string) {
  return { event: agentRunRequested, if: `event.data.workflowCode == '${workflowCode}'` } as const;
}

export function canRunNow(workflowCode: string | null): boolean {
  return workflowCode !== null && workflowCode in RUN_NOW_FUNCTIONS;
}
