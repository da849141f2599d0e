import { now as clockNow } from "./clock";
import { nextCronTime } from "./cron";
import { toPayload, type EventPayload } from "./events";
import { matches } from "./expression";
import { newId } from "./ulid";
import { FINISH_TIMEOUT, processCall, type PreparedCall } from "./process-call";
import { assertLease, deleteItem, LeaseLostError, slotFree, type QueueItem } from "./queue";
import {
  createRun,
  enqueueDiscovery,
  finishRun,
  isActive,
  lockRun,
  memoizeStep,
  planRun,
  SCHEDULED_TIMER,
  startsUnconditionally,
  waitMatches,
  type RunPlan,
} from "./runs";
import type { FunctionDef } from "./functions";
import { notifyDue } from "./signal";
import { groupPerPool } from "./group-commit";
import { exec, json, query, transaction, type Pool } from "./sql";
import { firstEventInWindow, resolveEventWait } from "./waits";
import { appendToBatch } from "./batches";
import type { WorkContext } from "./work-context";

/**
 * EVENT, TIMER and WAIT_TIMEOUT items, and the cron/debounce scheduler. Each item is handled in
 * one transaction that also deletes it: a crash before the commit leaves the item to be retried,
 * a crash after leaves nothing to redo.
 */

/** Match a stored event against triggers (new runs), waitForEvent waits and cancelOn waits. */
export async function processEvent(ctx: WorkContext, item: QueueItem): Promise<void> {
  const stored = await readEvent(ctx, item.eventId!);
  const name = stored?.name ?? "";
  const matching = await ctx.registry.matching(name);
  if (matching.length === 0 && (await processUnheardEvent(ctx, item, name))) return;
  if (stored && !stored.processedAt && !stored.waits && matching.every((m) => startsUnconditionally(m.fn))) {
    if (await startRunsOfEvent(ctx, item, stored, matching)) return;
  }
  await transaction(ctx.db, async (tx) => {
    const [row] = await query<Omit<StoredEvent, "waits">>(
      tx,
      `SELECT id, "externalId", name, data, "user", ts, "receivedAt", "processedAt", "organizationId" FROM runtime_events WHERE id = $1 FOR UPDATE`,
      item.eventId,
    );
    await assertLease(tx, item.id, ctx.owner);
    if (!row || row.processedAt) {
      await deleteItem(tx, item.id);
      return;
    }
    const now = clockNow();
    const event = toPayload(row);
    const runIds: string[] = [];
    for (const { fn, expressions } of matching) {
      if (!expressions.some((e) => !e || matches(e, { event }))) continue;
      if (fn.batch && (!fn.batch.if || matches(fn.batch.if, { event }))) {
        const batched = await appendToBatch(tx, { ...fn, batch: fn.batch }, { eventId: row.id, event, organizationId: row.organizationId }, now);
        if (batched.runId) runIds.push(batched.runId);
        continue;
      }
      const out = await createRun(tx, { fn, event, eventId: row.id, organizationId: row.organizationId, now, applyEventFlowControl: true });
      if ("runId" in out) runIds.push(out.runId);
      else ctx.log.debug({ fn: fn.id, event: row.id, reason: out.skipped }, "run not started");
    }

    const waits = await query<{
      id: string;
      runId: string;
      kind: "EVENT" | "CANCEL" | "INVOKE";
      expression: string | null;
      hashedId: string | null;
      runEvent: EventPayload;
    }>(
      tx,
      `SELECT w.id, w."runId", w.kind, w.expression, w."hashedId", r.event AS "runEvent"
       FROM runtime_waits w JOIN runtime_runs r ON r.id = w."runId"
       WHERE w."eventName" = $1 AND (w."expiresAt" IS NULL OR w."expiresAt" > $2) AND w."createdAt" <= $2
       ORDER BY w."runId", w.id`,
      row.name,
      // Matched by the event's arrival, not by when it is processed: under a backlog an event that
      // arrived before a wait's timeout still resolves it (and a wait created after it does not see it).
      row.receivedAt,
    );
    for (const w of waits) {
      if (!waitMatches(w.expression, w.runEvent, event)) continue;
      const run = await lockRun(tx, w.runId);
      if (!run || !isActive(run.status)) continue;
      if (w.kind === "EVENT" && w.hashedId) {
        await resolveEventWait(tx, run, { id: w.id, hashedId: w.hashedId }, event, now);
        continue;
      }
      const deleted = await query<{ id: string }>(tx, `DELETE FROM runtime_waits WHERE id = $1 RETURNING id`, w.id);
      if (deleted.length === 0) continue;
      await exec(tx, `DELETE FROM runtime_queue WHERE kind = 'WAIT_TIMEOUT' AND "waitId" = $1`, w.id);
      if (w.kind === "CANCEL") {
        await finishRun(tx, run, { status: "CANCELLED", reason: `Cancelled by event ${row.name} (${row.id})` }, now);
      }
    }
    await exec(tx, `UPDATE runtime_events SET "processedAt" = $2, "runIds" = $3::text[] WHERE id = $1`, row.id, now, runIds);
    await deleteItem(tx, item.id);
  });
  ctx.notify();
}

/**
 * An event no function is triggered by (e.g. publication/posted today): when no wait listens for
 * its name either, mark it processed and drop its item in one statement instead of the locking
 * transaction below. False (nothing done) when a wait exists: the full path decides.
 */
async function processUnheardEvent(ctx: WorkContext, item: QueueItem, name: string): Promise<boolean> {
  const [row] = await query<{ waits: boolean; deleted: boolean }>(
    ctx.db,
    `WITH waits AS (SELECT EXISTS (SELECT 1 FROM runtime_waits WHERE "eventName" = $1) AS found),
     done AS (
       UPDATE runtime_events SET "processedAt" = $4, "runIds" = '{}' WHERE id = $5 AND "processedAt" IS NULL AND NOT (SELECT found FROM waits)
     ),
     gone AS (
       DELETE FROM runtime_queue WHERE id = $2 AND "leaseOwner" = $3 AND NOT (SELECT found FROM waits) RETURNING id
     )
     SELECT (SELECT found FROM waits) AS waits, EXISTS (SELECT 1 FROM gone) AS deleted`,
    name,
    item.id,
    ctx.owner,
    clockNow(),
    item.eventId,
  );
  if (row?.waits) return false;
  if (!row?.deleted) throw new LeaseLostError(item.id);
  return true;
}

type StoredEvent = {
  id: string;
  externalId: string | null;
  name: string;
  data: unknown;
  user: unknown;
  ts: Date;
  receivedAt: Date;
  processedAt: Date | null;
  organizationId: string | null;
  /** Whether any wait (waitForEvent, cancelOn, timeouts) listens for its name. */
  waits: boolean;
};

async function readEvent(ctx: WorkContext, eventId: string): Promise<StoredEvent | undefined> {
  const [row] = await query<StoredEvent>(
    ctx.db,
    `SELECT id, "externalId", name, data, "user", ts, "receivedAt", "processedAt", "organizationId",
       EXISTS (SELECT 1 FROM runtime_waits w WHERE w."eventName" = e.name) AS waits
     FROM runtime_events e WHERE id = $1`,
    eventId,
  );
  return row;
}

/**
 * The usual event: the functions it triggers start without reading anything (no debounce,
 * idempotency, rate limit, singleton or batch) and no wait listens for its name. Its runs, their
 * first items and cancelOn waits, the event marked processed and its item deleted: ONE statement
 * (the locking transaction below takes nine). The statement checks what the read outside it saw:
 * the lease still ours, the event not processed and still no wait for its name (a wait stored
 * meanwhile catches up with the events of its window after its own commit, as on the other path);
 * false when any of it changed: the full path decides.
 */
async function startRunsOfEvent(
  ctx: WorkContext,
  item: QueueItem,
  row: StoredEvent,
  matching: { fn: FunctionDef; expressions: (string | undefined)[] }[],
): Promise<boolean> {
  const now = clockNow();
  const event = toPayload(row);
  const runs: { id: string; fn: FunctionDef; plan: RunPlan }[] = [];
  for (const { fn, expressions } of matching) {
    if (!expressions.some((e) => !e || matches(e, { event }))) continue;
    runs.push({ id: newId(now.getTime()), fn, plan: planRun(fn, event, row.id, now) });
  }
  const waits = runs.flatMap((r) => r.plan.cancel.map((c) => ({ ...c, runId: r.id })));
  const [out] = await query<{ leased: boolean; done: boolean }>(
    ctx.db,
    `WITH lease AS (
       SELECT id FROM runtime_queue WHERE id = $1 AND "leaseOwner" = $2 FOR UPDATE
     ), ev AS (
       UPDATE runtime_events SET "processedAt" = $4, "runIds" = $5::text[]
       WHERE id = $3 AND "processedAt" IS NULL AND EXISTS (SELECT 1 FROM lease)
         AND NOT EXISTS (SELECT 1 FROM runtime_waits WHERE "eventName" = $6)
       RETURNING id
     ), runs AS (
       INSERT INTO runtime_runs (id, "functionId", "eventId", event, "organizationId", status, concurrency, "throttleKey", "createdAt", "updatedAt")
       SELECT r.id, r.fn, $3, $7::jsonb, $8, 'QUEUED', r.keys::jsonb, r.throttle, $4, $4
       FROM unnest($5::text[], $9::text[], $10::text[], $11::text[]) AS r(id, fn, keys, throttle) WHERE EXISTS (SELECT 1 FROM ev)
     ), items AS (
       INSERT INTO runtime_queue (id, kind, "runId", "availableAt", "concurrencyKeys", "createdAt")
       SELECT r.id, 'CALL', r.id, r.at, ARRAY(SELECT jsonb_array_elements_text(r.keys::jsonb)), r.at
       FROM unnest($5::text[], $10::text[], $12::timestamptz[]) AS r(id, keys, at) WHERE EXISTS (SELECT 1 FROM ev)
     ), cancel AS (
       INSERT INTO runtime_waits (id, "runId", kind, "eventName", expression, "expiresAt", "createdAt")
       SELECT w.id, w.run, 'CANCEL', w.name, w.expr, w.expires, $4
       FROM unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::timestamptz[]) AS w(id, run, name, expr, expires) WHERE EXISTS (SELECT 1 FROM ev)
     ), gone AS (
       DELETE FROM runtime_queue WHERE id IN (SELECT id FROM lease) AND EXISTS (SELECT 1 FROM ev)
     )
     SELECT EXISTS (SELECT 1 FROM lease) AS leased, EXISTS (SELECT 1 FROM ev) AS done`,
    item.id,
    ctx.owner,
    row.id,
    now,
    runs.map((r) => r.id),
    row.name,
    json(event),
    row.organizationId,
    runs.map((r) => r.fn.id),
    runs.map((r) => json(r.plan.keys)),
    runs.map((r) => r.plan.throttleKey),
    runs.map((r) => r.plan.startAt),
    waits.map((w) => w.id),
    waits.map((w) => w.runId),
    waits.map((w) => w.event),
    waits.map((w) => w.if),
    waits.map((w) => w.expiresAt),
  );
  if (!out?.leased) throw new LeaseLostError(item.id);
  if (!out.done) return false;
  for (const r of runs) if (r.plan.startAt > now) notifyDue(r.plan.startAt);
  ctx.notify();
  return true;
}

/**
 * A sleep ended: memoize it (null) and continue the run. The timer item itself becomes the run's
 * next call and is processed at once in this lease (when the run's concurrency keys have room),
 * instead of queueing a new item for a later claim: a due publication costs one claim, not two.
 * `prepared`: the run and its steps as read before the sleep was due (an item claimed ahead,
 * executor.ts); the sleep's end is applied to them here as the statement applied it to the run, so
 * the SDK call starts without reading them again.
 */
export async function processTimer(ctx: WorkContext, item: QueueItem, prepared?: PreparedCall): Promise<void> {
  const fired = item.stepId ? await fireTimer(ctx, item) : undefined;
  if (fired !== undefined) {
    ctx.notify();
    const call: QueueItem = { ...item, kind: "CALL", stepId: null, waitId: null, concurrencyKeys: [], availableAt: clockNow(), infraRetries: 0 };
    await processCall(ctx, call, prepared && afterSleep(prepared, item.stepId!, fired));
    return;
  }
  const next = await transaction(ctx.db, async (tx): Promise<QueueItem | null> => {
    const run = await lockRun(tx, item.runId!);
    await assertLease(tx, item.id, ctx.owner);
    if (run && isActive(run.status) && item.stepId) {
      const now = clockNow();
      if (await memoizeStep(tx, run.id, item.stepId, { data: null }, now)) {
        const [queued] = await query<{ id: string }>(
          tx,
          `SELECT id FROM runtime_queue WHERE "runId" = $1 AND kind = 'CALL' AND "stepId" IS NULL AND "leaseOwner" IS NULL LIMIT 1`,
          run.id,
        );
        if (!queued) {
          const keep = await slotFree(tx, run.concurrency, now);
          await exec(
            tx,
            `UPDATE runtime_queue SET kind = 'CALL', "stepId" = NULL, "waitId" = NULL, "concurrencyKeys" = $2::text[], "availableAt" = $3, "infraRetries" = 0,
               "leaseOwner" = CASE WHEN $4::boolean THEN "leaseOwner" END, "leasedUntil" = CASE WHEN $4::boolean THEN "leasedUntil" END
             WHERE id = $1`,
            item.id,
            run.concurrency,
            now,
            keep,
          );
          return keep ? { ...item, kind: "CALL", stepId: null, waitId: null, concurrencyKeys: run.concurrency, availableAt: now, infraRetries: 0 } : null;
        }
      }
    }
    await deleteItem(tx, item.id);
    return null;
  });
  ctx.notify();
  if (next) await processCall(ctx, next);
}

/**
 * The usual sleep's end, in ONE statement instead of the transaction below (eight statements): the
 * run active and without concurrency keys, no discovery call queued for it, the lease ours. The
 * sleep step is memoized (null), the run's stack and version move on, and the item becomes the
 * run's discovery call, still leased by this worker. Returns the run's new version; undefined (nothing
 * done) otherwise: the transaction decides. Throws LeaseLostError when the item is not ours any more.
 * The naps of one batch of calls commit together, so their ends come due together: those that fire
 * while a statement is in flight share the next one (./group-commit.ts), instead of a dozen statements
 * at once whose answers wait behind each other's calls on the main thread.
 */
async function fireTimer(ctx: WorkContext, item: QueueItem): Promise<number | undefined> {
  const row = await fireGroupOf(ctx.db).submit({ runId: item.runId!, itemId: item.id, owner: ctx.owner, hashedId: item.stepId! });
  if (!row.leased) throw new LeaseLostError(item.id);
  return row.version ?? undefined;
}

type SleepEnd = { runId: string; itemId: string; owner: string; hashedId: string };
type Fired = { leased: boolean; version: number | null };

const fireGroupOf = groupPerPool<SleepEnd, Fired>(fireTimers);

/** fireTimer's statement for a batch (one item per run): the runs locked in id order, then the items. */
export async function fireTimers(pool: Pool, batch: SleepEnd[]): Promise<Fired[]> {
  const rows = await query<{ itemId: string; leased: boolean; version: number | null }>(
    pool,
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS i(run_id, item_id, owner, hashed)
     ), run AS (
       SELECT id, status, concurrency FROM runtime_runs WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE
     ), lease AS (
       SELECT q.id FROM runtime_queue q JOIN input i ON q.id = i.item_id AND q."leaseOwner" = i.owner
       WHERE (SELECT count(*) FROM run) >= 0 ORDER BY q.id FOR UPDATE OF q
     ), ok AS (
       SELECT i.run_id, i.item_id, i.hashed FROM input i JOIN run r ON r.id = i.run_id
       WHERE r.status IN ('QUEUED', 'RUNNING') AND r.concurrency = '[]'::jsonb AND i.item_id IN (SELECT id FROM lease)
         AND NOT EXISTS (SELECT 1 FROM runtime_queue q WHERE q."runId" = r.id AND q.kind = 'CALL' AND q."stepId" IS NULL AND q."leaseOwner" IS NULL)
     ), step AS (
       UPDATE runtime_steps s SET status = 'COMPLETED', output = 'null'::jsonb, error = NULL, "endedAt" = $5, attempts = s.attempts + 1
       FROM ok WHERE s."runId" = ok.run_id AND s."hashedId" = ok.hashed AND s.status IN ('PLANNED', 'WAITING')
       RETURNING s."runId", s."hashedId"
     ), upd AS (
       UPDATE runtime_runs r SET version = r.version + 1, stack = array_append(r.stack, step."hashedId"), attempt = 0, "updatedAt" = $5
       FROM step WHERE r.id = step."runId"
       RETURNING r.id, r.version
     ), call AS (
       UPDATE runtime_queue q SET kind = 'CALL', "stepId" = NULL, "waitId" = NULL, "concurrencyKeys" = '{}'::text[], "availableAt" = $5, "infraRetries" = 0
       FROM ok WHERE q.id = ok.item_id AND ok.run_id IN (SELECT "runId" FROM step)
     )
     SELECT i.item_id AS "itemId", i.item_id IN (SELECT id FROM lease) AS leased, u.version
     FROM input i LEFT JOIN upd u ON u.id = i.run_id`,
    batch.map((b) => b.runId),
    batch.map((b) => b.itemId),
    batch.map((b) => b.owner),
    batch.map((b) => b.hashedId),
    clockNow(),
  );
  const byItem = new Map(rows.map((r) => [r.itemId, r]));
  return batch.map((b) => ({ leased: byItem.get(b.itemId)?.leased ?? false, version: byItem.get(b.itemId)?.version ?? null }));
}

/**
 * The run as fireTimer left it, from what was read before: its version one more, the sleep on its
 * stack and memoized. Undefined (read again) when the run moved on meanwhile (another version).
 */
function afterSleep(p: PreparedCall, hashedId: string, version: number): PreparedCall | undefined {
  if (p.run.version + 1 !== version) return undefined;
  const steps = new Map(p.steps);
  steps.set(hashedId, { hashedId, status: "COMPLETED", output: null, error: null, attempts: (p.steps.get(hashedId)?.attempts ?? 0) + 1 });
  return { run: { ...p.run, version, stack: [...p.run.stack, hashedId], attempt: 0 }, steps };
}

/**
 * A waitForEvent or invoke timed out (null / an error), or a cancelOn window closed. A waitForEvent
 * whose matching event arrived within its window resolves with that event instead, whether or not
 * that event was processed yet (a backlog; or processed before the wait was stored and its catch-up
 * lost to a crash): waits are matched by arrival time, whichever item runs first (./waits.ts).
 */
export async function processWaitTimeout(ctx: WorkContext, item: QueueItem): Promise<void> {
  await transaction(ctx.db, async (tx) => {
    const run = item.runId ? await lockRun(tx, item.runId) : undefined;
    await assertLease(tx, item.id, ctx.owner);
    const [wait] = await query<{
      kind: string;
      hashedId: string | null;
      eventName: string | null;
      expression: string | null;
      createdAt: Date;
      expiresAt: Date | null;
    }>(tx, `DELETE FROM runtime_waits WHERE id = $1 RETURNING kind, "hashedId", "eventName", expression, "createdAt", "expiresAt"`, item.waitId);
    if (wait && run && isActive(run.status) && wait.kind === "CANCEL" && wait.eventName === null && wait.expression === FINISH_TIMEOUT) {
      // timeouts.finish: the run did not finish in time (it may be sleeping, waiting or mid-call:
      // its next commit or checkpoint finds it ended and stops).
      const fn = ctx.registry.peek(run.functionId);
      await finishRun(tx, run, { status: "CANCELLED", reason: `timeouts.finish: not finished within ${fn?.timeouts?.finishMs ?? "?"} ms of starting` }, clockNow(), fn);
    } else if (wait && run && isActive(run.status) && wait.hashedId) {
      const now = clockNow();
      const arrived =
        wait.kind === "EVENT" && wait.eventName && wait.expiresAt
          ? await firstEventInWindow(tx, { eventName: wait.eventName, expression: wait.expression, opensAt: wait.createdAt, closesAt: wait.expiresAt }, run.event)
          : undefined;
      const result = arrived
        ? { data: arrived }
        : wait.kind === "INVOKE"
          ? { error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for the invoked function to complete" } }
          : { data: null };
      if (await memoizeStep(tx, run.id, wait.hashedId, result, now)) await enqueueDiscovery(tx, run, now);
    }
    await deleteItem(tx, item.id);
  });
  ctx.notify();
}

/** Fire due cron schedules and debounced events. Safe to run from every executor at once. */
export async function runScheduler(ctx: WorkContext): Promise<number> {
  let started = 0;
  // No I/O outside the transaction while it is open (PGlite serialises connections): warm the cache first.
  await ctx.registry.ensureFresh();
  await transaction(ctx.db, async (tx) => {
    const now = clockNow();
    const due = await query<{ id: string; functionId: string; cron: string; nextAt: Date }>(
      tx,
      `SELECT id, "functionId", cron, "nextAt" FROM runtime_schedules WHERE "nextAt" <= $1 ORDER BY "nextAt" LIMIT 50 FOR UPDATE SKIP LOCKED`,
      now,
    );
    for (const s of due) {
      const fn = ctx.registry.peek(s.functionId);
      // Missed ticks (executor down) are not replayed: one run for the latest, then the next one after now.
      await exec(tx, `UPDATE runtime_schedules SET "nextAt" = $2, "updatedAt" = $3 WHERE id = $1`, s.id, nextCronTime(s.cron, now), now);
      if (!fn) continue;
      const won = await query<{ key: string }>(
        tx,
        `INSERT INTO runtime_keys (key, ref, "expiresAt") VALUES ($1, '', $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
        `cron:${s.functionId}:${s.cron}:${s.nextAt.toISOString()}`,
        new Date(now.getTime() + 7 * 86_400_000),
      );
      if (won.length === 0) continue;
      const eventId = newId(s.nextAt.getTime());
      const event: EventPayload = { id: eventId, name: SCHEDULED_TIMER, data: { cron: s.cron }, ts: s.nextAt.getTime() };
      const out = await createRun(tx, { fn, event, eventId, organizationId: null, now, applyEventFlowControl: false });
      await exec(
        tx,
        `INSERT INTO runtime_events (id, name, data, ts, "receivedAt", "processedAt", "runIds") VALUES ($1, $2, $3::jsonb, $4, $5, $5, $6::text[])`,
        eventId,
        SCHEDULED_TIMER,
        json(event.data),
        s.nextAt,
        now,
        "runId" in out ? [out.runId] : [],
      );
      started++;
    }

    const debounced = await query<{ id: string; functionId: string; eventId: string; event: EventPayload; organizationId: string | null }>(
      tx,
      `SELECT d.id, d."functionId", d."eventId", d.event, (SELECT e."organizationId" FROM runtime_events e WHERE e.id = d."eventId") AS "organizationId"
       FROM runtime_debounces d WHERE d."fireAt" <= $1 ORDER BY d."fireAt" LIMIT 50 FOR UPDATE OF d SKIP LOCKED`,
      now,
    );
    for (const d of debounced) {
      await exec(tx, `DELETE FROM runtime_debounces WHERE id = $1`, d.id);
      const fn = ctx.registry.peek(d.functionId);
      if (!fn) continue;
      const out = await createRun(tx, { fn, event: d.event, eventId: d.eventId, organizationId: d.organizationId, now, applyEventFlowControl: false });
      if ("runId" in out) {
        await exec(tx, `UPDATE runtime_events SET "runIds" = array_append("runIds", $2) WHERE id = $1`, d.eventId, out.runId);
        started++;
      }
    }
  });
  if (started > 0) ctx.notify();
  return started;
}

/** Drop expired dedupe keys. */
export async function purgeExpiredKeys(ctx: Pick<WorkContext, "db">): Promise<number> {
  return exec(ctx.db, `DELETE FROM runtime_keys WHERE "expiresAt" < $1`, clockNow());
}
