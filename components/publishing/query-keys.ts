/** TanStack Query keys for publishing; reschedule / cancel invalidate these exact keys. */
export const publishingKeys = {
  all: (org: string) => ["org", org, "publications"] as const,
  calendar: (org: string, from: string, to: string) => ["org", org, "publications", "calendar", from, to] as const,
  queue: (org: string) => ["org", org, "publications", "queue"] as const,
};
