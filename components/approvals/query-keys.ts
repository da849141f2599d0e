/** TanStack Query keys for the approvals domain; mutations invalidate these exact keys. */
export const approvalKeys = {
  all: (org: string) => ["org", org, "approvals"] as const,
  list: (org: string, filters: object, cursor: object) => ["org", org, "approvals", "list", filters, cursor] as const,
};
