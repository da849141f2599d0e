import { now as clockNow } from "./clock";
import type { EventPayload } from "./events";
import { evaluateKey, type FunctionDef } from "./functions";
import { assertLease, deleteItem, type QueueItem } from "./queue";
import { createRun } from "./runs";
import { notifyDue } from "./signal";
import { exec, json, query, transaction, type Sql } from "./sql";
import { newId } from "./ulid";
import type { WorkContext } from "./work-context";

/**
 * batchEvents (Inngest): the events of a batched function are collected per key value into one
 * open batch (runtime_batches, one row per function and key), and one run receives them all as
 * `events` (`event` = the first). The run starts when the batch holds maxSize events, at once, in
 * the transaction of the event that filled it; or when `timeout` has passed since the batch opened,
 * by the batch's BATCH queue item (same id), a timer like the others: held in memory by the process
 * that opened the batch, found by the look-ahead or the poll elsewhere.
 *
 * Exactly once across processes: an append is one upsert on the (function, key) row, so concurrent
 * appends of two executors queue on its row lock and each lands in exactly one batch; the append that
 * fills the batch and the timeout both delete the row in the transaction that creates the run (the
 * other finds it gone, or appends to a new batch). Each event is appended in the transaction that marks
 * it processed, so a retried event item never appends twice.
 */

type Appended = { id: string; size: number; inserted: boolean; fireAt: Date };

/**
 * Inside processEvent's transaction: add `event` (stored as `eventId`) to the function's open batch for
 * its key, opening one (and its timeout item) when there is none. Returns the run started when this
 * event filled the batch.
 */
export async function appendToBatch(
  sql: Sql,
  fn: FunctionDef & { batch: NonNullable<FunctionDef["batch"]> },
  e: { eventId: string; event: EventPayload; organizationId: string | null },
  now: Date,
): Promise<{ runId?: string }> {
  const key = evaluateKey(fn.batch.key, e.event);
  const fireAt = new Date(now.getTime() + fn.batch.timeoutMs);
  const [b] = await query<Appended>(
    sql,
    `WITH b AS (
       INSERT INTO runtime_batches (id, "functionId", key, "eventIds", events, "organizationId", "createdAt", "fireAt")
       VALUES ($1, $2, $3, ARRAY[$4::text], jsonb_build_array($5::jsonb), $6, $7, $8)
       ON CONFLICT ("functionId", key) DO UPDATE SET
         "eventIds" = runtime_batches."eventIds" || EXCLUDED."eventIds",
         events = runtime_batches.events || EXCLUDED.events,
         -- One tenant for the run only when every event shares it (NULL absorbs: mixed stays NULL).
         "organizationId" = CASE WHEN runtime_batches."organizationId" = EXCLUDED."organizationId" THEN runtime_batches."organizationId" END
       RETURNING id, cardinality("eventIds") AS size, (xmax = 0) AS inserted, "fireAt"
     ), timer AS (
       INSERT INTO runtime_queue (id, kind, "availableAt", "createdAt") SELECT id, 'BATCH', "fireAt", $7 FROM b WHERE inserted
     )
     SELECT id, size, inserted, "fireAt" FROM b`,
    newId(now.getTime()),
    fn.id,
    key,
    e.eventId,
    json(e.event),
    e.organizationId,
    now,
    fireAt,
  );
  if (!b) throw new Error(`batch append for ${fn.id} returned nothing`);
  if (b.inserted && b.size < fn.batch.maxSize) notifyDue(b.fireAt);
  if (b.size < fn.batch.maxSize) return {};
  // Full: start it now. The row is locked by our upsert: nobody appends to it or starts it meanwhile.
  const runId = await startBatch(sql, fn, b.id, now);
  return runId ? { runId } : {};
}

/**
 * Delete the batch and start its run (in the caller's transaction, the batch row locked or about to
 * be: the DELETE takes the lock). The events are sorted by their ids, i.e. by arrival (ids are ULIDs,
 * in send order within one send): workers process events in parallel and may append them out of order.
 */
async function startBatch(sql: Sql, fn: FunctionDef | undefined, batchId: string, now: Date): Promise<string | undefined> {
  const [batch] = await query<{ eventIds: string[]; events: EventPayload[]; organizationId: string | null }>(
    sql,
    `WITH gone AS (DELETE FROM runtime_batches WHERE id = $1 RETURNING "eventIds", events, "organizationId"),
     timer AS (DELETE FROM runtime_queue WHERE id = $1 AND kind = 'BATCH')
     SELECT * FROM gone`,
    batchId,
  );
  if (!batch || !fn) return undefined;
  const items = batch.eventIds.map((id, i) => ({ id, event: batch.events[i]! })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const events = items.map((i) => i.event);
  const out = await createRun(sql, {
    fn,
    event: events[0]!,
    events,
    eventId: items[0]!.id,
    organizationId: batch.organizationId,
    now,
    // Idempotency, rate limit and debounce are per event; a batch is started as collected.
    applyEventFlowControl: false,
  });
  if (!("runId" in out)) return undefined;
  // Every event of the batch lists the run (the Events page); the event being processed is written by its caller.
  await exec(sql, `UPDATE runtime_events SET "runIds" = array_append("runIds", $2) WHERE id = ANY($1::text[]) AND "processedAt" IS NOT NULL`, batch.eventIds, out.runId);
  return out.runId;
}

/** A batch's timeout: start its run with the events collected so far (unless it filled up first). */
export async function processBatchTimeout(ctx: WorkContext, item: QueueItem): Promise<void> {
  // The function is looked up before the transaction (no I/O while it is open).
  const [peek] = await query<{ functionId: string }>(ctx.db, `SELECT "functionId" FROM runtime_batches WHERE id = $1`, item.id);
  const fn = peek ? await ctx.registry.get(peek.functionId) : undefined;
  const started = await transaction(ctx.db, async (tx) => {
    const [batch] = await query<{ id: string }>(tx, `SELECT id FROM runtime_batches WHERE id = $1 FOR UPDATE`, item.id);
    if (!batch) {
      // Started when it filled up (which deleted this item too), or already started by another worker.
      await exec(tx, `DELETE FROM runtime_queue WHERE id = $1 AND "leaseOwner" = $2`, item.id, ctx.owner);
      return undefined;
    }
    await assertLease(tx, item.id, ctx.owner);
    if (!fn) ctx.log.warn({ batch: item.id, fn: peek?.functionId }, "batch of a function no longer served: dropped");
    const runId = await startBatch(tx, fn, item.id, clockNow());
    await deleteItem(tx, item.id);
    return runId;
  });
  if (started) ctx.notify();
}
