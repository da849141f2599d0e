import { fromWallClock } from "./clock";
import { concurrencyKeys, evaluateKey, priorityFactorS, type FunctionDef } from "./functions";
import { insertEvents, type EventPayload } from "./events";
import { newId } from "./ulid";
import { matches } from "./expression";
import { notifyDue } from "./signal";
import { exec, json, query, type Sql } from "./sql";

/**
 * Run-level state changes. Every function here runs inside the caller's transaction, after the
 * caller locked the run row (`lockRun`) when the run already exists: commits for one run are
 * serialised, commits for different runs are not.
 */
export const IDEMPOTENCY_MS = 24 * 60 * 60 * 1000;
export const FUNCTION_FAILED = "inngest/function.failed";
export const FUNCTION_INVOKED = "inngest/function.invoked";
export const SCHEDULED_TIMER = "inngest/scheduled.timer";

export type RunStatus = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";

export type RunRow = {
  id: string;
  functionId: string;
  eventId: string | null;
  event: EventPayload;
  organizationId: string | null;
  status: RunStatus;
  attempt: number;
  version: number;
  stack: string[];
  parallel: boolean;
  concurrency: string[];
  throttleKey: string | null;
  parentRunId: string | null;
  parentStepId: string | null;
  /** batchEvents: the batch's events in arrival order (`event` is the first); null for one event. */
  events: EventPayload[] | null;
  /** singleton: the runtime_keys row this run holds while active. */
  singletonKey: string | null;
  startedAt: Date | null;
  createdAt: Date;
};

export type SerializedError = { name: string; message: string; stack?: string; [k: string]: unknown };

export type StepResult = { data: unknown } | { error: SerializedError };

const RUN_COLUMNS = `id, "functionId", "eventId", event, "organizationId", status, attempt, version, stack, parallel,
  concurrency, "throttleKey", "parentRunId", "parentStepId", events, "singletonKey", "startedAt", "createdAt"`;

export async function lockRun(sql: Sql, runId: string): Promise<RunRow | undefined> {
  const rows = await query<RunRow>(sql, `SELECT ${RUN_COLUMNS} FROM runtime_runs WHERE id = $1 FOR UPDATE`, runId);
  return rows[0];
}

export async function loadRun(sql: Sql, runId: string): Promise<RunRow | undefined> {
  const rows = await query<RunRow>(sql, `SELECT ${RUN_COLUMNS} FROM runtime_runs WHERE id = $1`, runId);
  return rows[0];
}

/**
 * A CALL item's first read of its run, which also starts it (QUEUED -> RUNNING, while the item is
 * still ours) unless its function is in `slowStart` (throttle, timeouts: the transaction of
 * process-call.ts startRun decides). One statement instead of a read and an update. The row is
 * returned as it was before (QUEUED when `startedNow`).
 */
export async function loadRunStarting(
  sql: Sql,
  runId: string,
  o: { itemId: string; owner: string; now: Date; slowStart: string[] },
): Promise<{ run: RunRow; startedNow: boolean } | undefined> {
  const rows = await query<RunRow & { startedNow: boolean }>(
    sql,
    `WITH started AS (
       UPDATE runtime_runs SET status = 'RUNNING', "startedAt" = $2, "updatedAt" = $2
       WHERE id = $1 AND status = 'QUEUED' AND NOT ("functionId" = ANY($5::text[]))
         AND EXISTS (SELECT 1 FROM runtime_queue WHERE id = $3 AND "leaseOwner" = $4)
       RETURNING id
     )
     SELECT ${RUN_COLUMNS}, EXISTS (SELECT 1 FROM started) AS "startedNow" FROM runtime_runs WHERE id = $1`,
    runId,
    o.now,
    o.itemId,
    o.owner,
    o.slowStart,
  );
  const row = rows[0];
  if (!row) return undefined;
  const { startedNow, ...run } = row;
  return { run, startedNow };
}

/**
 * finishRun for the usual end, in ONE statement with its lease check: a run that COMPLETED and hands
 * nothing on (no parent waiting on it, no concurrency slot to release; callers check). Locks the run,
 * then (the count makes the lease's scan wait for it: locks in the order of the other commits) checks
 * the item is still `owner`'s. `leased` false: the lease was lost. `finished` false with
 * the lease held: the run was not active any more (the caller's full path deletes the item).
 */
export async function completeRunAlone(
  sql: Sql,
  run: Pick<RunRow, "id" | "singletonKey">,
  o: { itemId: string; owner: string; output: unknown; now: Date },
): Promise<{ leased: boolean; finished: boolean }> {
  const [row] = await query<{ leased: boolean; finished: boolean }>(
    sql,
    `WITH run AS (
       SELECT id, status FROM runtime_runs WHERE id = $1 FOR UPDATE
     ), lease AS (
       SELECT id FROM runtime_queue WHERE id = $6 AND "leaseOwner" = $7 AND (SELECT count(*) FROM run) >= 0 FOR UPDATE
     ), finished AS (
       UPDATE runtime_runs SET status = 'COMPLETED', output = $2::jsonb, error = NULL, "cancelReason" = NULL,
         "endedAt" = $3, "updatedAt" = $3, "startedAt" = COALESCE("startedAt", $3)
       WHERE id IN (SELECT id FROM run WHERE status IN ('QUEUED', 'RUNNING')) AND EXISTS (SELECT 1 FROM lease)
       RETURNING id
     ), items AS (DELETE FROM runtime_queue WHERE "runId" = $1 AND EXISTS (SELECT 1 FROM finished)
     ), waits AS (DELETE FROM runtime_waits WHERE "runId" = $1 AND EXISTS (SELECT 1 FROM finished)
     ), singleton AS (DELETE FROM runtime_keys WHERE key = $5 AND ref = $1 AND EXISTS (SELECT 1 FROM finished)
     ), steps AS (
       UPDATE runtime_steps SET status = 'FAILED', error = $4::jsonb, "endedAt" = $3
       WHERE "runId" = $1 AND status IN ('PLANNED', 'WAITING') AND EXISTS (SELECT 1 FROM finished)
     )
     SELECT EXISTS (SELECT 1 FROM lease) AS leased, EXISTS (SELECT 1 FROM finished) AS finished`,
    run.id,
    json(o.output),
    o.now,
    json({ name: "Cancelled", message: "Run completed" }),
    run.singletonKey,
    o.itemId,
    o.owner,
  );
  return { leased: !!row?.leased, finished: !!row?.finished };
}

export const isActive = (status: RunStatus): boolean => status === "QUEUED" || status === "RUNNING";

export function serializeError(err: unknown): SerializedError {
  if (err && typeof err === "object" && "message" in err) {
    const e = err as { name?: unknown; message?: unknown; stack?: unknown };
    return { name: typeof e.name === "string" ? e.name : "Error", message: String(e.message), ...(typeof e.stack === "string" ? { stack: e.stack } : {}) };
  }
  return { name: "Error", message: typeof err === "string" ? err : JSON.stringify(err) };
}

export type CreateRunOptions = {
  fn: FunctionDef;
  event: EventPayload;
  eventId: string | null;
  /** batchEvents: every event of the batch, `event` first. */
  events?: EventPayload[];
  now: Date;
  /** The tenant: the triggering event's (stored at ingestion), the parent run's, or the Runs page's. */
  organizationId: string | null;
  parent?: { runId: string; hashedId: string };
  rerunOfId?: string;
  /** Idempotency, rate limit and debounce apply to event-triggered runs only. */
  applyEventFlowControl: boolean;
};

export type CreateRunOutcome = { runId: string } | { skipped: "idempotency" | "rate_limit" | "debounced" | "singleton" };

/** runtime_keys rows held by active singleton runs never expire: the run's end deletes them. */
const SINGLETON_HELD_UNTIL = new Date("9999-12-31T00:00:00.000Z");

/**
 * singleton (Inngest): claim the function's key for `runId`, one run at a time per key value. Serialised
 * per key by an advisory lock; the holder is the runtime_keys row "sg:<fn>:<value>" (ref = its run),
 * deleted by finishRun. "skip": false while the holder is active (queued or running). "cancel": the
 * active holder is cancelled in this transaction and the key passes to the new run.
 */
async function claimSingleton(sql: Sql, fn: FunctionDef, key: string, runId: string, now: Date): Promise<boolean> {
  await exec(sql, `SELECT pg_advisory_xact_lock(hashtextextended($1, 11))`, key);
  const [holder] = await query<{ ref: string; status: RunStatus | null }>(
    sql,
    `SELECT k.ref, r.status FROM runtime_keys k LEFT JOIN runtime_runs r ON r.id = k.ref WHERE k.key = $1`,
    key,
  );
  if (holder?.status && isActive(holder.status)) {
    if (fn.singleton?.mode !== "cancel") return false;
    const active = await lockRun(sql, holder.ref);
    if (active && isActive(active.status)) {
      await finishRun(sql, active, { status: "CANCELLED", reason: `singleton: replaced by run ${runId} (mode "cancel")` }, now, fn);
    }
  }
  await exec(
    sql,
    `INSERT INTO runtime_keys (key, ref, "expiresAt") VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET ref = EXCLUDED.ref, "expiresAt" = EXCLUDED."expiresAt"`,
    key,
    runId,
    SINGLETON_HELD_UNTIL,
  );
  return true;
}

/** Start a run: the run row, its first CALL item, and its cancelOn waits. */
export async function createRun(sql: Sql, o: CreateRunOptions): Promise<CreateRunOutcome> {
  const { fn, event, now } = o;
  let idempotencyKey: string | null = null;
  let rateLimitKey: string | null = null;

  if (o.applyEventFlowControl) {
    if (fn.debounce) {
      const key = evaluateKey(fn.debounce.key, event);
      const fireAt = new Date(now.getTime() + fn.debounce.periodMs);
      // The last event wins; the quiet period restarts, capped by `timeout` from the first event.
      await exec(
        sql,
        `INSERT INTO runtime_debounces (id, "functionId", key, "eventId", event, "firstAt", "fireAt")
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
         ON CONFLICT ("functionId", key) DO UPDATE SET
           -- Events may be processed out of order by parallel workers: keep the newest (ids sort by time).
           "eventId" = CASE WHEN EXCLUDED."eventId" > runtime_debounces."eventId" THEN EXCLUDED."eventId" ELSE runtime_debounces."eventId" END,
           event = CASE WHEN EXCLUDED."eventId" > runtime_debounces."eventId" THEN EXCLUDED.event ELSE runtime_debounces.event END,
           "fireAt" = GREATEST(runtime_debounces."fireAt", CASE WHEN $8::bigint IS NULL THEN EXCLUDED."fireAt"
                           ELSE LEAST(EXCLUDED."fireAt", runtime_debounces."firstAt" + ($8::bigint * interval '1 millisecond')) END)`,
        newId(now.getTime()),
        fn.id,
        key,
        o.eventId ?? newId(now.getTime()),
        json(event),
        now,
        fireAt,
        fn.debounce.timeoutMs ?? null,
      );
      return { skipped: "debounced" };
    }
    if (fn.idempotency) {
      idempotencyKey = evaluateKey(fn.idempotency, event);
      const won = await query<{ key: string }>(
        sql,
        `INSERT INTO runtime_keys (key, ref, "expiresAt") VALUES ($1, '', $2)
         ON CONFLICT (key) DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt" WHERE runtime_keys."expiresAt" <= $3
         RETURNING key`,
        `idem:${fn.id}:${idempotencyKey}`,
        new Date(now.getTime() + IDEMPOTENCY_MS),
        now,
      );
      if (won.length === 0) return { skipped: "idempotency" };
    }
    if (fn.rateLimit) {
      rateLimitKey = evaluateKey(fn.rateLimit.key, event);
      await exec(sql, `SELECT pg_advisory_xact_lock(hashtext($1))`, `rl:${fn.id}:${rateLimitKey}`);
      const [row] = await query<{ n: bigint }>(
        sql,
        `SELECT count(*) AS n FROM runtime_runs WHERE "functionId" = $1 AND "rateLimitKey" = $2 AND "createdAt" > $3`,
        fn.id,
        rateLimitKey,
        new Date(now.getTime() - fn.rateLimit.periodMs),
      );
      if (Number(row?.n ?? 0) >= fn.rateLimit.limit) return { skipped: "rate_limit" };
    }
  }

  const runId = newId(now.getTime());
  // singleton applies to every new run of the function (events, batches, debounce, cron, invoke, re-runs).
  const singletonKey = fn.singleton ? `sg:${fn.id}:${evaluateKey(fn.singleton.key, event)}` : null;
  if (singletonKey && !(await claimSingleton(sql, fn, singletonKey, runId, now))) return { skipped: "singleton" };
  const { keys, startAt, throttleKey, cancel } = planRun(fn, event, o.eventId, now);
  if (startAt > now) notifyDue(startAt);
  const organizationId = o.organizationId;
  await exec(
    sql,
    `WITH run AS (
       INSERT INTO runtime_runs (id, "functionId", "eventId", event, "organizationId", status, concurrency, "throttleKey",
         "rateLimitKey", "idempotencyKey", "parentRunId", "parentStepId", "rerunOfId", "createdAt", "updatedAt", events, "singletonKey")
       VALUES ($1, $2, $3, $4::jsonb, $5, 'QUEUED', $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $13, $16::jsonb, $17)
       RETURNING id
     )
     INSERT INTO runtime_queue (id, kind, "runId", "availableAt", "concurrencyKeys", "createdAt")
     SELECT id, 'CALL', id, $15, $14::text[], $15 FROM run`,
    runId,
    fn.id,
    o.eventId,
    json(event),
    organizationId,
    json(keys),
    throttleKey,
    rateLimitKey,
    idempotencyKey,
    o.parent?.runId ?? null,
    o.parent?.hashedId ?? null,
    o.rerunOfId ?? null,
    now,
    keys,
    startAt,
    o.events && o.events.length > 1 ? json(o.events) : null,
    singletonKey,
  );
  if (cancel.length > 0) {
    // Every cancelOn wait in one statement.
    await exec(
      sql,
      `INSERT INTO runtime_waits (id, "runId", kind, "eventName", expression, "expiresAt", "createdAt")
       SELECT w.id, $1, 'CANCEL', w.name, w.expr, w.expires::timestamptz, $2 FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS w(id, name, expr, expires)`,
      runId,
      now,
      cancel.map((c) => c.id),
      cancel.map((c) => c.event),
      cancel.map((c) => c.if),
      cancel.map((c) => c.expiresAt?.toISOString() ?? null),
    );
  }
  return { runId };
}

/** What a new run's row, first item and cancelOn waits are made of, once flow control let it start. */
export type RunPlan = {
  keys: string[];
  /** When its first call is due (delayed start, priority). */
  startAt: Date;
  throttleKey: string | null;
  cancel: { id: string; event: string; if: string | null; expiresAt: Date | null }[];
};

export function planRun(fn: FunctionDef, event: EventPayload, eventId: string | null, now: Date): RunPlan {
  const keys = concurrencyKeys(fn, event);
  // An event whose `ts` is in the future starts its runs at that time (Inngest's delayed start:
  // "the same effect as sleeping at the start of the function"). Senders stamp ts with their wall
  // clock; the executor's own events (inngest/...) are never delayed.
  const external = eventId !== null && !event.name.startsWith("inngest/");
  const wanted = external && typeof event.ts === "number" ? fromWallClock(event.ts) : now;
  const delayed = wanted > now ? wanted : now;
  // priority.run (Inngest): the queue is ordered by the time a run should start; a positive factor
  // places the run ahead of runs enqueued up to that many seconds earlier (due now, ordered as if
  // it had arrived that much sooner), a negative one delays its start by that many seconds.
  const factorS = priorityFactorS(fn, event);
  // The item's createdAt is its place in line too: blocked items (concurrency) are woken in that order.
  // A delayed start (future ts) is not brought forward: the factor orders runs, it does not skip a delay.
  const startAt = factorS > 0 && delayed > now ? delayed : new Date(delayed.getTime() - factorS * 1000);
  const throttleKey = fn.throttle ? evaluateKey(fn.throttle.key, event) : null;
  const cancel = fn.cancel.map((c) => ({
    id: newId(now.getTime()),
    event: c.event,
    if: c.if ?? null,
    expiresAt: c.timeoutMs === undefined ? null : new Date(now.getTime() + c.timeoutMs),
  }));
  return { keys, startAt, throttleKey, cancel };
}

/** Whether a new run of `fn` for an event is decided without reading anything (no flow control at creation). */
export function startsUnconditionally(fn: FunctionDef): boolean {
  return !fn.debounce && !fn.idempotency && !fn.rateLimit && !fn.singleton && !fn.batch;
}

/** Make sure a discovery call (stepId=step) is queued for the run, unless one is already waiting. */
export async function enqueueDiscovery(sql: Sql, run: Pick<RunRow, "id" | "concurrency">, now: Date): Promise<void> {
  await exec(
    sql,
    `INSERT INTO runtime_queue (id, kind, "runId", "availableAt", "concurrencyKeys", "createdAt")
     SELECT $1, 'CALL', $2, $3, $4::text[], $3
     WHERE NOT EXISTS (SELECT 1 FROM runtime_queue WHERE "runId" = $2 AND kind = 'CALL' AND "stepId" IS NULL AND "leaseOwner" IS NULL)`,
    newId(now.getTime()),
    run.id,
    now,
    run.concurrency,
  );
}

/** Record a step's final result (memoized state) and bump the run's version. */
export async function memoizeStep(
  sql: Sql,
  runId: string,
  hashedId: string,
  result: StepResult,
  now: Date,
  meta: { op?: string; stepId?: string | null; name?: string | null; input?: unknown; startedAt?: Date; durationMs?: number } = {},
): Promise<boolean> {
  const failed = "error" in result;
  const updated = await query<{ runId: string }>(
    sql,
    `INSERT INTO runtime_steps ("runId", "hashedId", "stepId", name, op, status, input, output, error, "createdAt", "startedAt", "endedAt", "durationMs", attempts)
     VALUES ($1, $2, $3, $4, $5, $6::"RuntimeStepStatus", $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $10, $12,
       CASE WHEN $6 = 'COMPLETED' THEN 1 ELSE 0 END)
     ON CONFLICT ("runId", "hashedId") DO UPDATE SET status = EXCLUDED.status, output = EXCLUDED.output, error = EXCLUDED.error,
       "endedAt" = EXCLUDED."endedAt", "durationMs" = COALESCE(EXCLUDED."durationMs", runtime_steps."durationMs"),
       "startedAt" = COALESCE(runtime_steps."startedAt", EXCLUDED."startedAt"),
       "stepId" = COALESCE(runtime_steps."stepId", EXCLUDED."stepId"), name = COALESCE(runtime_steps.name, EXCLUDED.name),
       attempts = runtime_steps.attempts + CASE WHEN EXCLUDED.status = 'COMPLETED' THEN 1 ELSE 0 END
       WHERE runtime_steps.status IN ('PLANNED', 'WAITING')
     RETURNING "runId"`,
    runId,
    hashedId,
    meta.stepId ?? null,
    meta.name ?? null,
    meta.op ?? "StepRun",
    failed ? "FAILED" : "COMPLETED",
    meta.input === undefined ? null : json(meta.input),
    failed ? null : json((result as { data: unknown }).data),
    failed ? json((result as { error: unknown }).error) : null,
    now,
    meta.startedAt ?? now,
    meta.durationMs ?? null,
  );
  if (updated.length === 0) return false; // already memoized (a duplicate delivery): keep the first result
  await exec(
    sql,
    `UPDATE runtime_runs SET version = version + 1, stack = array_append(stack, $2), attempt = 0, "updatedAt" = $3 WHERE id = $1`,
    runId,
    hashedId,
    now,
  );
  return true;
}

/** Wake one blocked item per freed concurrency key. */
export async function releaseConcurrency(sql: Sql, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return;
  await exec(
    sql,
    `UPDATE runtime_queue SET "availableAt" = $2, blocked = false
     WHERE id IN (SELECT id FROM runtime_queue WHERE blocked = true AND "concurrencyKeys" && $1::text[] ORDER BY "createdAt" LIMIT $3)`,
    keys,
    now,
    keys.length,
  );
}

export type FinishOutcome = { status: "COMPLETED"; output: unknown } | { status: "FAILED"; error: SerializedError } | { status: "CANCELLED"; reason: string };

/**
 * End a run: status, output or error; drop its pending items and waits; resolve a parent's
 * step.invoke; emit inngest/function.failed for onFailure handlers.
 */
export async function finishRun(sql: Sql, run: RunRow, outcome: FinishOutcome, now: Date, fn?: FunctionDef): Promise<void> {
  // One statement: the run's row, its pending items and waits, and its unfinished steps.
  await exec(
    sql,
    `WITH finished AS (
       UPDATE runtime_runs SET status = $2::"RuntimeRunStatus", output = $3::jsonb, error = $4::jsonb, "cancelReason" = $5,
         "endedAt" = $6, "updatedAt" = $6, "startedAt" = COALESCE("startedAt", $6) WHERE id = $1
     ), items AS (DELETE FROM runtime_queue WHERE "runId" = $1
     ), waits AS (DELETE FROM runtime_waits WHERE "runId" = $1
     ), singleton AS (DELETE FROM runtime_keys WHERE key = $8 AND ref = $1)
     UPDATE runtime_steps SET status = 'FAILED', error = $7::jsonb, "endedAt" = $6 WHERE "runId" = $1 AND status IN ('PLANNED', 'WAITING')`,
    run.id,
    outcome.status,
    outcome.status === "COMPLETED" ? json(outcome.output) : null,
    outcome.status === "FAILED" ? json(outcome.error) : null,
    outcome.status === "CANCELLED" ? outcome.reason : null,
    now,
    json({ name: "Cancelled", message: `Run ${outcome.status.toLowerCase()}` }),
    run.singletonKey,
  );
  await releaseConcurrency(sql, run.concurrency, now);

  if (run.parentRunId) {
    const waits = await query<{ runId: string; hashedId: string }>(
      sql,
      `DELETE FROM runtime_waits WHERE kind = 'INVOKE' AND "invokeRunId" = $1 RETURNING "runId", "hashedId"`,
      run.id,
    );
    for (const w of waits) {
      const parent = await lockRun(sql, w.runId);
      if (!parent || !isActive(parent.status)) continue;
      const result: StepResult =
        outcome.status === "COMPLETED"
          ? { data: outcome.output ?? null }
          : outcome.status === "FAILED"
            ? { error: outcome.error }
            : { error: { name: "Error", message: `Invoked run ${run.id} was cancelled` } };
      if (await memoizeStep(sql, parent.id, w.hashedId, result, now)) await enqueueDiscovery(sql, parent, now);
    }
  }

  if (outcome.status === "FAILED" && !fn?.isFailureHandler) {
    await insertEvents(sql, [{ name: FUNCTION_FAILED, data: { function_id: run.functionId, run_id: run.id, error: outcome.error, event: run.event } }], {
      now,
      organizationId: run.organizationId,
    });
  }
}

/** Cancel a run if still active. Returns false when it had already ended. */
export async function cancelRun(sql: Sql, runId: string, reason: string, now: Date): Promise<boolean> {
  const run = await lockRun(sql, runId);
  if (!run || !isActive(run.status)) return false;
  await finishRun(sql, run, { status: "CANCELLED", reason }, now);
  return true;
}

/** Waits of `kind` matching an incoming event: `event` is the run's trigger, `async` the new event. */
export function waitMatches(expression: string | null, runEvent: EventPayload, incoming: EventPayload): boolean {
  if (!expression) return true;
  return matches(expression, { event: runEvent, async: incoming });
}
