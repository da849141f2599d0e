/** TanStack Query keys for the settings domain; mutations invalidate these exact keys. */
export const settingsKeys = {
  all: (org: string) => ["org", org, "settings"] as const,
  apiKeys: (org: string) => ["org", org, "settings", "api-keys"] as const,
  members: (org: string) => ["org", org, "settings", "members"] as const,
  outbox: (org: string) => ["org", org, "settings", "outbox"] as const,
  booking: (org: string) => ["org", org, "settings", "booking"] as const,
};
