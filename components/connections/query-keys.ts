/** TanStack Query keys for Settings -> Connections; mutations invalidate these exact keys. */
export const connectionsKeys = {
  list: (org: string) => ["org", org, "connections"] as const,
  pending: (org: string, stateId: string) => ["org", org, "connections", "pending", stateId] as const,
};
