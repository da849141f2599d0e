/** TanStack Query keys of the media library; upload and delete invalidate exactly these. */
export const mediaKeys = {
  all: (org: string) => ["org", org, "media"] as const,
  list: (org: string, kind: string) => ["org", org, "media", "list", kind] as const,
  detail: (org: string, id: string) => ["org", org, "media", "detail", id] as const,
};

export const contentMetricsKeys = {
  metrics: (org: string, pieceId: string) => ["org", org, "content", pieceId, "metrics"] as const,
};
