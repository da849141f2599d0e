/** TanStack Query keys for the approvals domain; mutations invalidate these exact keys. */
export const approvalKeys = {
  all: (org: string) => ["org", org, "approvals"] as const,
  list: (org: string, status: string) => ["org", org, "approvals", "list", status] as const,
};
