/**
 * The app's tenant extractor, handed to lib/runtime: an event belongs to the organisation in
 * `data.organizationId`; `inngest/function.failed` to the failed run's event's organisation. The
 * runtime stores it with the event; the runs it starts carry it (Runs and Events pages filter by it).
 */
export function organizationIdOf(event: { name?: string; data?: unknown }): string | null {
  const d = event.data;
  if (!d || typeof d !== "object") return null;
  const data = d as { organizationId?: unknown; function_id?: unknown; event?: { data?: unknown } };
  if (typeof data.organizationId === "string" && data.organizationId.length > 0) return data.organizationId;
  if (typeof data.function_id === "string" && data.event && typeof data.event === "object") return organizationIdOf({ data: data.event.data });
  return null;
}
