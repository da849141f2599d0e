import { now } from "./clock";
import type { EventPayload } from "./events";
import { syncedFunctionSchema, toFunctionDef } from "./functions";
import { cancelRun, createRun } from "./runs";
import { notifyWork } from "./signal";
import { exec, query, transaction, type Pool } from "./sql";

/**
 * Operations on runs from outside the executor (the app's Runs page, its retention job). Each is
 * one transaction on the runtime's tables and wakes this process's executor.
 */

/** Cancel a run if still active; false when it had already ended. Its in-flight step is not retried. */
export async function cancelRunNow(pool: Pool, runId: string, reason: string): Promise<boolean> {
  const cancelled = await transaction(pool, (tx) => cancelRun(tx, runId, reason, now()));
  if (cancelled) notifyWork();
  return cancelled;
}

export type RerunOutcome = { runId: string } | { refused: "function_gone" | "not_started" };

/**
 * A new run of the same function with the same event, from the start. Idempotency, debounce and
 * rate limits do not apply (someone asked for it explicitly).
 */
export async function rerunRun(
  pool: Pool,
  run: { id: string; functionId: string; event: EventPayload; events?: EventPayload[] | null; eventId: string | null; organizationId: string | null },
): Promise<RerunOutcome> {
  const rows = await query<{ id: string; config: unknown }>(pool, `SELECT id, config FROM runtime_functions WHERE "removedAt" IS NULL`);
  const row = rows.find((r) => r.id === run.functionId);
  const parsed = row ? syncedFunctionSchema.safeParse(row.config) : undefined;
  if (!parsed?.success) return { refused: "function_gone" };
  const fn = toFunctionDef(parsed.data, new Set(rows.map((r) => r.id)));
  const out = await transaction(pool, (tx) =>
    createRun(tx, {
      fn,
      event: run.event,
      // A batch run (batchEvents) is re-run with its whole batch.
      events: run.events ?? undefined,
      eventId: run.eventId,
      organizationId: run.organizationId,
      now: now(),
      rerunOfId: run.id,
      applyEventFlowControl: false,
    }),
  );
  if (!("runId" in out)) return { refused: "not_started" };
  notifyWork();
  return out;
}

/** Drop ended runs (with their steps) and processed events older than `days`, and expired keys. Active runs are never touched. */
export async function purgeHistory(pool: Pool, days: number): Promise<{ runs: number; events: number; keys: number }> {
  const before = new Date(now().getTime() - days * 86_400_000);
  const runs = await exec(pool, `DELETE FROM runtime_runs WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED') AND "endedAt" < $1`, before);
  const events = await exec(pool, `DELETE FROM runtime_events WHERE "processedAt" IS NOT NULL AND "receivedAt" < $1`, before);
  const keys = await exec(pool, `DELETE FROM runtime_keys WHERE "expiresAt" < $1`, now());
  return { runs, events, keys };
}
