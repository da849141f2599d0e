import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The agent executions of the workflow run in progress, set by the agents middleware around the
 * function handler (inngest/middleware/agents.ts). The AI ledger reads it to link each provider call to
 * its execution, so an execution's tokens and cost come from the ledger itself.
 */
export type AgentRunScope = { runId: string; executions: { organizationId: string; agentId: string; executionId: string }[] };

const storage = new AsyncLocalStorage<AgentRunScope>();

export function withAgentRunScope<T>(scope: AgentRunScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The execution (and agent) of `organizationId` in the run in progress, if any. */
export function currentAgentExecution(organizationId: string): { agentId: string; executionId: string } | undefined {
  return storage.getStore()?.executions.find((e) => e.organizationId === organizationId);
}
