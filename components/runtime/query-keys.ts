import type { RunFilters } from "@/lib/workflows/contracts";

/** TanStack Query keys for workflow runs; cancel / re-run invalidate these exact keys. */
export const runtimeKeys = {
  runs: (org: string) => ["org", org, "runtime", "runs"] as const,
  runList: (org: string, filters: Partial<Record<keyof RunFilters, string>>) => ["org", org, "runtime", "runs", "list", filters] as const,
  run: (org: string, runId: string) => ["org", org, "runtime", "runs", "detail", runId] as const,
};
