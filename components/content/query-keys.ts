/** TanStack Query keys for the content domain; mutations invalidate these exact keys. */
export const contentKeys = {
  all: (org: string) => ["org", org, "content"] as const,
  inputs: (org: string) => ["org", org, "content", "inputs"] as const,
};
