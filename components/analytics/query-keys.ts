/** TanStack Query keys of the Analytics page (MKT-402). */
export const analyticsKeys = {
  all: (org: string) => ["analytics", org] as const,
  report: (org: string, q: { from: string; to: string; brand?: string; network?: string; page: number }) => ["analytics", org, "report", q] as const,
  backfill: (org: string) => ["analytics", org, "backfill"] as const,
};
