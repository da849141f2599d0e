import { now as clockNow } from "./clock";
import { toPayload, type EventPayload } from "./events";
import { enqueueDiscovery, isActive, lockRun, memoizeStep, waitMatches, type RunRow } from "./runs";
import { exec, query, transaction, type Sql, type Tx } from "./sql";
import type { WorkContext } from "./work-context";

/**
 * waitForEvent windows. A wait takes the first matching event that arrived (its `receivedAt`, not
 * when it was processed) within its window: from `createdAt` (when the step before it started: see
 * createWait) to `expiresAt`. Three paths see an event, whichever comes first, and the wait's
 * DELETE ... RETURNING (under the run's lock) lets exactly one of them resolve it:
 * - processing the event (processEvent) finds the waits already stored;
 * - storing a wait (catchUpWait, right after its commit) finds the events already there, processed
 *   or not: an event processed before the wait existed did not see it;
 * - the timeout (processWaitTimeout) looks once more before resolving with null (a backlog, or a
 *   crash between the wait's commit and its catch-up).
 */
type EventRow = { id: string; externalId: string | null; name: string; data: unknown; user: unknown; ts: Date };

export type WaitWindow = { eventName: string; expression: string | null; opensAt: Date; closesAt: Date };

/** The first event that arrived within the window and matches it (processed or not). */
export async function firstEventInWindow(sql: Sql, w: WaitWindow, runEvent: EventPayload): Promise<EventPayload | undefined> {
  const rows = await query<EventRow>(
    sql,
    `SELECT id, "externalId", name, data, "user", ts FROM runtime_events
     WHERE name = $1 AND "receivedAt" >= $2 AND "receivedAt" < $3 ORDER BY "receivedAt", id LIMIT 1000`,
    w.eventName,
    w.opensAt,
    w.closesAt,
  );
  for (const row of rows) {
    const event = toPayload(row);
    if (waitMatches(w.expression, runEvent, event)) return event;
  }
  return undefined;
}

/** Inside a transaction, the run locked: resolve an EVENT wait with `event`; false if someone else resolved it. */
export async function resolveEventWait(tx: Tx, run: RunRow, w: { id: string; hashedId: string }, event: EventPayload, now: Date): Promise<boolean> {
  const deleted = await query<{ id: string }>(tx, `DELETE FROM runtime_waits WHERE id = $1 RETURNING id`, w.id);
  if (deleted.length === 0) return false;
  await exec(tx, `DELETE FROM runtime_queue WHERE kind = 'WAIT_TIMEOUT' AND "waitId" = $1`, w.id);
  if (await memoizeStep(tx, run.id, w.hashedId, { data: event }, now)) await enqueueDiscovery(tx, run, now);
  return true;
}

/** Right after a wait's commit: the events that arrived in its window before it was stored. */
export async function catchUpWait(
  ctx: WorkContext,
  w: WaitWindow & { id: string; runId: string; hashedId: string },
  runEvent: EventPayload,
): Promise<boolean> {
  const event = await firstEventInWindow(ctx.db, w, runEvent);
  if (!event) return false;
  const resolved = await transaction(ctx.db, async (tx) => {
    const run = await lockRun(tx, w.runId);
    if (!run || !isActive(run.status)) return false;
    return resolveEventWait(tx, run, w, event, clockNow());
  });
  if (resolved) ctx.notify();
  return resolved;
}
