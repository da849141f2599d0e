/** TanStack Query keys for an agent's executions and logs. */
export const agentKeys = {
  agent: (org: string, id: string) => ["org", org, "agents", id] as const,
  executions: (org: string, id: string, filters: { status?: string; page?: number }) => ["org", org, "agents", id, "executions", filters] as const,
  logs: (org: string, id: string, filters: { level?: string; q?: string; page?: number }) => ["org", org, "agents", id, "logs", filters] as const,
};
