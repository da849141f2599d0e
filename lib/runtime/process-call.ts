import { nextRetryAt, retryDelayMs } from "./backoff";
import { fromWallClock, now as clockNow } from "./clock";
import { validateExpression } from "./expression";
import { requireDurationMs, sleepUntil } from "./duration";
import type { FunctionDef } from "./functions";
import { newId } from "./ulid";
import { assertLease, deleteItem, LeaseLostError, rescheduleItem, type QueueItem } from "./queue";
import {
  createRun,
  finishRun,
  FUNCTION_INVOKED,
  isActive,
  completeRunAlone,
  loadRun,
  loadRunStarting,
  lockRun,
  memoizeStep,
  serializeError,
  type RunRow,
  type SerializedError,
  type StepResult,
} from "./runs";
import { checkpointToken } from "./checkpoint";
import { notifyDue } from "./signal";
import { callFunction, stepTiming, type CallOutcome, type Op } from "./sdk-call";
import { exec, json, query, transaction, type Tx } from "./sql";
import { catchUpWait } from "./waits";
import type { WorkContext } from "./work-context";

/**
 * The call loop for one CALL item: call the SDK (a discovery call, or one planned step), commit
 * what it reported in one transaction (memoized results, retries, new timers/waits/items), and
 * keep going in the same lease while the run is linear. A commit first locks the run and checks
 * the lease is still ours, so a step result is never applied twice and a cancelled run stops.
 */
export type StepRow = { hashedId: string; status: string; output: unknown; error: SerializedError | null; attempts: number };

/** `held`: a retry this executor keeps leased and fires from memory at its due time (WorkContext.retryHold). */
type Next = { stop: true; held?: QueueItem } | { stop: false; stepId: string | null; memoized: { hashedId: string; result: StepResult }[]; reload: boolean };

/**
 * A call's run and steps, read before the call is due: an item claimed ahead of its due time (a
 * retry; a sleep's end, see processTimer) starts its SDK call the moment it is due, without these
 * reads on the way (executor.ts). Only for a running, linear run without concurrency keys: nothing
 * but its own item moves it on, and what a cancellation meanwhile changes, the commits check as
 * always (run locked, lease checked).
 */
export type PreparedCall = { run: RunRow; steps: Map<string, StepRow> };

export async function prepareCall(ctx: WorkContext, runId: string): Promise<PreparedCall | undefined> {
  await ctx.registry.ensureFresh();
  const run = await loadRun(ctx.db, runId);
  if (!run || run.status !== "RUNNING" || run.parallel || run.concurrency.length > 0) return undefined;
  if (!(await ctx.registry.get(run.functionId))) return undefined;
  return { run, steps: await loadSteps(ctx, runId) };
}

export async function processCall(ctx: WorkContext, item: QueueItem, prepared?: PreparedCall): Promise<void> {
  const runId = item.runId!;
  await ctx.registry.ensureFresh();
  const loaded = prepared
    ? { run: prepared.run, startedNow: false }
    : await loadRunStarting(ctx.db, runId, { itemId: item.id, owner: ctx.owner, now: clockNow(), slowStart: ctx.registry.slowStartIds() });
  let run: RunRow | undefined = loaded?.run;
  if (loaded?.startedNow) loaded.run.status = "RUNNING";
  if (!run || !isActive(run.status)) {
    await transaction(ctx.db, async (tx) => {
      await assertLease(tx, item.id, ctx.owner);
      await deleteItem(tx, item.id);
    });
    return;
  }
  const fn = await ctx.registry.get(run.functionId);
  if (!fn) {
    await transaction(ctx.db, async (tx) => {
      const locked = await lockRun(tx, runId);
      await assertLease(tx, item.id, ctx.owner);
      if (locked && isActive(locked.status)) {
        await finishRun(
          tx,
          locked,
          { status: "FAILED", error: { name: "FunctionNotFound", message: `Function "${run!.functionId}" is not served by the app any more` } },
          clockNow(),
        );
      }
      await deleteItem(tx, item.id);
    });
    return;
  }
  let started: Started = loaded?.startedNow ? "now" : "already";
  if (run.status === "QUEUED") {
    started = await startRun(ctx, item, run, fn);
    if (started === "no") return;
  }

  let stepId = item.stepId;
  // A run this call started has no steps yet: nothing to read.
  let steps = prepared?.steps ?? (started === "now" ? new Map<string, StepRow>() : await loadSteps(ctx, runId));
  for (let iteration = 0; ; iteration++) {
    ctx.lease.throwIfLost();
    // An item still targeting a step that has its result (its commit went through, then the
    // process died before the item was retargeted): discover instead of asking for a done step.
    const target = stepId ? steps.get(stepId) : undefined;
    if (target && (target.status === "COMPLETED" || target.status === "FAILED")) stepId = null;
    const memo: Record<string, StepResult> = {};
    for (const s of steps.values()) {
      if (s.status === "COMPLETED") memo[s.hashedId] = { data: s.output ?? null };
      else if (s.status === "FAILED") memo[s.hashedId] = { error: s.error ?? { name: "Error", message: "Step failed" } };
    }
    const attempt: number = stepId ? (steps.get(stepId)?.attempts ?? 0) : run.attempt;
    const startedAt = clockNow();
    const t0 = performance.now();
    const outcome = await callFunction({
      url: fn.url,
      stepId,
      runId,
      event: run.event,
      events: run.events,
      steps: memo,
      stack: run.stack,
      attempt,
      maxAttempts: fn.maxAttempts,
      disableImmediateExecution: run.parallel,
      timeoutMs: ctx.callTimeoutMs,
      token: ctx.serveToken,
      local: ctx.localServe(),
      // A discovery call of a linear run: the SDK runs the following step.runs in this request.
      checkpoint: ctx.checkpointing && stepId === null && !run.parallel ? { fnId: fn.id, queueItemId: checkpointToken(item.id, ctx.owner) } : undefined,
    });
    const durationMs = Math.round(performance.now() - t0);
    const basedOn: RunRow = run;
    // Invoke targets are looked up inside the commit: load them now (no I/O inside transactions).
    if (outcome.kind === "ops") {
      for (const op of outcome.ops) if (op.op === "InvokeFunction") await ctx.registry.get(String(op.opts?.function_id ?? ""));
    }
    // The usual end of a run: one statement instead of the locking transaction below.
    const output = completion(outcome);
    if (output && basedOn.parentRunId === null && basedOn.concurrency.length === 0) {
      const done = await completeRunAlone(ctx.db, basedOn, { itemId: item.id, owner: ctx.owner, output: output.data, now: clockNow() });
      if (!done.leased) throw new LeaseLostError(item.id);
      if (done.finished) {
        ctx.notify();
        return;
      }
    }
    const createdWaits: CreatedWait[] = [];
    const next: Next = await transaction(ctx.db, async (tx): Promise<Next> => {
      const locked = await lockRun(tx, runId);
      await assertLease(tx, item.id, ctx.owner);
      if (!locked || !isActive(locked.status)) {
        await deleteItem(tx, item.id);
        return { stop: true } as Next;
      }
      return applyOutcome(ctx, tx, { run: locked, basedOn, fn, item, stepId, attempt, outcome, startedAt, durationMs, createdWaits });
    });
    ctx.notify();
    for (const w of createdWaits) await catchUpWait(ctx, { ...w, closesAt: w.expiresAt }, basedOn.event);
    if (next.stop) {
      if (next.held) ctx.retryHold?.hold(next.held);
      return;
    }

    // Continue in the same lease. Runs holding a concurrency slot go back to the queue between
    // steps so other runs of the same key get their turn.
    if (iteration + 1 >= ctx.maxInlineSteps || ctx.stopping() || item.concurrencyKeys.length > 0) {
      await transaction(ctx.db, async (tx) => {
        await assertLease(tx, item.id, ctx.owner);
        await rescheduleItem(tx, item.id, clockNow(), { stepId: next.stepId });
      });
      ctx.notify();
      return;
    }
    stepId = next.stepId;
    if (next.reload) {
      const fresh = await loadRun(ctx.db, runId);
      if (!fresh || !isActive(fresh.status)) return;
      run = fresh;
      steps = await loadSteps(ctx, runId);
    } else {
      // Nobody else changed the run: apply our own commit locally instead of reading it back.
      run = { ...run, version: run.version + next.memoized.length, attempt: next.memoized.length ? 0 : run.attempt, stack: [...run.stack] };
      for (const m of next.memoized) {
        run.stack.push(m.hashedId);
        const prev = steps.get(m.hashedId);
        steps.set(m.hashedId, {
          hashedId: m.hashedId,
          status: "error" in m.result ? "FAILED" : "COMPLETED",
          output: "data" in m.result ? m.result.data : null,
          error: "error" in m.result ? m.result.error : null,
          attempts: (prev?.attempts ?? 0) + 1,
        });
      }
      if (stepId && !steps.has(stepId)) steps.set(stepId, { hashedId: stepId, status: "PLANNED", output: null, error: null, attempts: 0 });
    }
  }
}

/** The function's return value when the call ended the run (200, or a lone RunComplete op). */
function completion(outcome: CallOutcome): { data: unknown } | undefined {
  if (outcome.kind === "complete") return { data: outcome.data };
  if (outcome.kind === "ops" && outcome.ops.length === 1 && outcome.ops[0]!.op === "RunComplete") return { data: outcome.ops[0]!.data ?? null };
  return undefined;
}

async function loadSteps(ctx: WorkContext, runId: string): Promise<Map<string, StepRow>> {
  const rows = await query<StepRow>(ctx.db, `SELECT "hashedId", status, output, error, attempts FROM runtime_steps WHERE "runId" = $1`, runId);
  return new Map(rows.map((r) => [r.hashedId, r]));
}

/** "now": this call started the run; "already": someone else did; "no": deferred or ended. */
type Started = "now" | "already" | "no";

/**
 * When a run was due to start: its creation, or the event's `ts` when that is later (delayed start,
 * as createRun schedules it). timeouts.start counts from there.
 */
function dueAt(run: RunRow): Date {
  const external = run.eventId !== null && !run.event.name.startsWith("inngest/");
  const wanted = external && typeof run.event.ts === "number" ? fromWallClock(run.event.ts) : run.createdAt;
  return wanted > run.createdAt ? wanted : run.createdAt;
}

/** Marker of the timeouts.finish wait: a CANCEL wait on no event (cancelOn waits always name one). */
export const FINISH_TIMEOUT = "timeouts.finish";

/**
 * First call of a run: apply timeouts.start and throttle, then mark it RUNNING (and arm
 * timeouts.finish: a CANCEL wait on no event whose timeout item cancels the run).
 */
async function startRun(ctx: WorkContext, item: QueueItem, run: RunRow, fn: FunctionDef): Promise<Started> {
  if (!fn.throttle && !fn.timeouts) {
    // One statement: QUEUED -> RUNNING while the item is still ours (the usual first call).
    const started = await exec(
      ctx.db,
      `UPDATE runtime_runs SET status = 'RUNNING', "startedAt" = $2, "updatedAt" = $2
       WHERE id = $1 AND status = 'QUEUED' AND EXISTS (SELECT 1 FROM runtime_queue WHERE id = $3 AND "leaseOwner" = $4)`,
      run.id,
      clockNow(),
      item.id,
      ctx.owner,
    );
    if (started > 0) {
      run.status = "RUNNING";
      return "now";
    }
    // Not started: the lease was lost, or the run was cancelled or started meanwhile.
    const [mine] = await query<{ id: string }>(ctx.db, `SELECT id FROM runtime_queue WHERE id = $1 AND "leaseOwner" = $2`, item.id, ctx.owner);
    if (!mine) throw new LeaseLostError(item.id);
    const fresh = await loadRun(ctx.db, run.id);
    if (fresh && isActive(fresh.status)) {
      run.status = fresh.status;
      return "already";
    }
    return "no";
  }
  return transaction(ctx.db, async (tx) => {
    const locked = await lockRun(tx, run.id);
    await assertLease(tx, item.id, ctx.owner);
    const now = clockNow();
    if (!locked || locked.status !== "QUEUED") return locked && isActive(locked.status) ? "already" : "no";
    const startMs = fn.timeouts?.startMs;
    if (startMs !== undefined && now.getTime() - dueAt(locked).getTime() > startMs) {
      await finishRun(tx, locked, { status: "CANCELLED", reason: `timeouts.start: not started within ${startMs} ms of being enqueued` }, now, fn);
      return "no";
    }
    if (fn.throttle) {
      await exec(tx, `SELECT pg_advisory_xact_lock(hashtext($1))`, `th:${fn.id}:${locked.throttleKey ?? ""}`);
      const recent = await query<{ startedAt: Date }>(
        tx,
        `SELECT "startedAt" FROM runtime_runs WHERE "functionId" = $1 AND "throttleKey" = $2 AND "startedAt" > $3 ORDER BY "startedAt"`,
        fn.id,
        locked.throttleKey ?? "",
        new Date(now.getTime() - fn.throttle.periodMs),
      );
      if (recent.length >= fn.throttle.limit) {
        const at = new Date(recent[recent.length - fn.throttle.limit]!.startedAt.getTime() + fn.throttle.periodMs);
        await rescheduleItem(tx, item.id, at);
        return "no";
      }
    }
    await exec(tx, `UPDATE runtime_runs SET status = 'RUNNING', "startedAt" = $2, "updatedAt" = $2 WHERE id = $1`, run.id, now);
    const finishMs = fn.timeouts?.finishMs;
    if (finishMs !== undefined) {
      const waitId = newId(now.getTime());
      const at = new Date(now.getTime() + finishMs);
      notifyDue(at);
      await exec(
        tx,
        `WITH w AS (
           INSERT INTO runtime_waits (id, "runId", kind, "eventName", expression, "expiresAt", "createdAt") VALUES ($1, $2, 'CANCEL', NULL, $5, $3, $4)
         )
         INSERT INTO runtime_queue (id, kind, "runId", "waitId", "availableAt", "createdAt") VALUES ($6, 'WAIT_TIMEOUT', $2, $1, $3, $4)`,
        waitId,
        run.id,
        at,
        now,
        FINISH_TIMEOUT,
        newId(now.getTime()),
      );
    }
    run.status = "RUNNING";
    return "now";
  });
}

function opKind(op: Op): string {
  if (op.op === "StepPlanned" || op.op === "StepRun" || op.op === "StepError" || op.op === "StepFailed") {
    return op.opts?.type === "step.sendEvent" ? "SendEvent" : "Run";
  }
  return op.op;
}

function stepMeta(op: Op, extra: { startedAt?: Date; durationMs?: number } = {}) {
  const input = op.op === "Sleep" ? { sleep: op.name } : op.opts && Object.keys(op.opts).length ? op.opts : undefined;
  return { op: opKind(op), stepId: op.userland?.id ?? op.displayName ?? null, name: op.displayName ?? op.name ?? null, input, ...extra };
}

/** Insert a step row in PLANNED/WAITING state; false if it already exists (in flight or done). */
async function insertStep(tx: Tx, runId: string, op: Op, status: "PLANNED" | "WAITING", now: Date): Promise<{ inserted: boolean; done: boolean }> {
  const meta = stepMeta(op);
  const inserted = await query<{ hashedId: string }>(
    tx,
    `INSERT INTO runtime_steps ("runId", "hashedId", "stepId", name, op, status, input, "createdAt", "startedAt")
     VALUES ($1, $2, $3, $4, $5, $6::"RuntimeStepStatus", $7::jsonb, $8, $8)
     ON CONFLICT ("runId", "hashedId") DO NOTHING RETURNING "hashedId"`,
    runId,
    op.id,
    meta.stepId,
    meta.name,
    meta.op,
    status,
    meta.input === undefined ? null : json(meta.input),
    now,
  );
  if (inserted.length > 0) return { inserted: true, done: false };
  const [row] = await query<{ status: string }>(tx, `SELECT status FROM runtime_steps WHERE "runId" = $1 AND "hashedId" = $2`, runId, op.id);
  return { inserted: false, done: row?.status === "COMPLETED" || row?.status === "FAILED" };
}

async function recordStepError(tx: Tx, runId: string, op: Op, error: SerializedError, attempt: number, now: Date): Promise<number> {
  const meta = stepMeta(op);
  const [row] = await query<{ attempts: number }>(
    tx,
    `INSERT INTO runtime_steps ("runId", "hashedId", "stepId", name, op, status, input, "createdAt", "startedAt", attempts, errors, error)
     VALUES ($1, $2, $3, $4, $5, 'PLANNED', $6::jsonb, $7, $7, 1, jsonb_build_array($8::jsonb), $9::jsonb)
     ON CONFLICT ("runId", "hashedId") DO UPDATE SET attempts = runtime_steps.attempts + 1,
       errors = runtime_steps.errors || jsonb_build_array($8::jsonb), error = EXCLUDED.error
     RETURNING attempts`,
    runId,
    op.id,
    meta.stepId,
    meta.name,
    meta.op,
    meta.input === undefined ? null : json(meta.input),
    now,
    json({ attempt, at: now.toISOString(), error }),
    json(error),
  );
  return row?.attempts ?? attempt + 1;
}

type Applied = {
  run: RunRow;
  basedOn: RunRow;
  fn: FunctionDef;
  item: QueueItem;
  stepId: string | null;
  attempt: number;
  outcome: CallOutcome;
  startedAt: Date;
  durationMs: number;
  /** waitForEvent waits this commit creates: matched after it against the events already in their window. */
  createdWaits: CreatedWait[];
};

/**
 * A retry (a failed attempt of the function or of a step) rescheduled for `at`. When the executor can
 * hold it (WorkContext.retryHold: due soon, room in memory), its lease is kept instead of given back,
 * and the executor fires it from memory at its due time: no claim, and its run read ahead, so a 1 s
 * RetryAfterError retries at 1 s. Durability is the lease's, as for items claimed ahead: renewed by
 * the heartbeat, taken over by another worker after a crash (executor.ts).
 */
async function retryLater(ctx: WorkContext, tx: Tx, item: QueueItem, at: Date, stepId: string | null): Promise<Next> {
  // Not an item with concurrency keys: leased, it would hold its key's slot while it waits.
  const hold = item.concurrencyKeys.length === 0 && !!ctx.retryHold?.canHold(at);
  await rescheduleItem(tx, item.id, at, { stepId, keepLease: hold ? { owner: ctx.owner, until: new Date(clockNow().getTime() + ctx.retryHold!.leaseMs) } : undefined });
  return { stop: true, held: hold ? { ...item, availableAt: at, stepId, infraRetries: 0 } : undefined };
}

/** When the call's answer arrived, on the executor's clock. */
function callEnd(a: Pick<Applied, "startedAt" | "durationMs">): Date {
  return new Date(a.startedAt.getTime() + a.durationMs);
}

async function applyOutcome(ctx: WorkContext, tx: Tx, a: Applied): Promise<Next> {
  const { run, fn, item, outcome } = a;
  const now = clockNow();

  if (outcome.kind === "infra") {
    const retries = item.infraRetries + 1;
    if (retries > ctx.maxInfraRetries) {
      await finishRun(tx, run, { status: "FAILED", error: { name: "ServeEndpointUnavailable", message: outcome.message } }, now, fn);
      return { stop: true };
    }
    ctx.log.warn({ runId: run.id, fn: fn.id, retries, reason: outcome.message }, "serve endpoint unavailable; retrying");
    await rescheduleItem(tx, item.id, new Date(now.getTime() + retryDelayMs(retries - 1, ctx.infraBackoff)), { stepId: a.stepId, infraRetries: retries });
    return { stop: true };
  }
  if (item.infraRetries > 0) await exec(tx, `UPDATE runtime_queue SET "infraRetries" = 0 WHERE id = $1`, item.id);

  if (outcome.kind === "complete") {
    await finishRun(tx, run, { status: "COMPLETED", output: outcome.data }, now, fn);
    return { stop: true };
  }

  if (outcome.kind === "error" && outcome.error.name === "StaleDispatchError") {
    // A checkpoint was refused while the lease and the run are still ours (a race with a takeover
    // that did not happen after all): call again shortly, without spending an attempt.
    await rescheduleItem(tx, item.id, new Date(now.getTime() + retryDelayMs(0, ctx.infraBackoff)), { stepId: a.stepId });
    return { stop: true };
  }

  if (outcome.kind === "error") {
    const nextAttempt = run.attempt + 1;
    if (!outcome.retriable || nextAttempt >= fn.maxAttempts) {
      await finishRun(tx, run, { status: "FAILED", error: outcome.error }, now, fn);
      return { stop: true };
    }
    await exec(
      tx,
      `UPDATE runtime_runs SET attempt = $2, error = $3::jsonb, "updatedAt" = $4 WHERE id = $1`,
      run.id,
      nextAttempt,
      json({ ...outcome.error, attempt: run.attempt }),
      now,
    );
    // The delay counts from the failure (the end of the call), not from this commit: a 1 s
    // RetryAfterError retries 1 s after it was thrown, whatever the answer and commit took.
    return retryLater(ctx, tx, item, nextRetryAt({ attempt: run.attempt, now: callEnd(a), retryAfter: outcome.retryAfter, backoff: ctx.backoff }), a.stepId);
  }

  // 206: ops.
  const ops = outcome.ops;
  const memoized: { hashedId: string; result: StepResult }[] = [];
  const plannedNew: Op[] = [];
  let stale = run.version !== a.basedOn.version;
  if (ops.length > 1 && !run.parallel) {
    await exec(tx, `UPDATE runtime_runs SET parallel = true WHERE id = $1`, run.id);
    run.parallel = true;
  }
  const memo = async (op: Op, result: StepResult, extra: { startedAt?: Date; durationMs?: number } = {}) => {
    if (await memoizeStep(tx, run.id, op.id, result, now, stepMeta(op, extra))) memoized.push({ hashedId: op.id, result });
  };

  for (const op of ops) {
    switch (op.op) {
      case "RunComplete":
        // Checkpointing: the function returned (after the steps it reported as it went).
        await finishRun(tx, run, { status: "COMPLETED", output: op.data ?? null }, now, fn);
        return { stop: true };
      case "StepRun":
        await memo(op, { data: op.data ?? null }, stepTiming(op) ?? { startedAt: a.startedAt, durationMs: a.durationMs });
        break;
      case "StepError": {
        const error = op.error ?? { name: "Error", message: "Step failed" };
        const attempts = await recordStepError(tx, run.id, op, error, a.stepId === op.id ? a.attempt : 0, now);
        if (attempts >= fn.maxAttempts) {
          await memo(op, { error });
          break;
        }
        // From when the step failed (its timing, else the call's end), not from this commit.
        const timing = stepTiming(op);
        const failedAt = timing ? new Date(timing.startedAt.getTime() + timing.durationMs) : callEnd(a);
        const at = nextRetryAt({ attempt: attempts - 1, now: failedAt < now ? failedAt : now, retryAfter: outcome.retryAfter, backoff: ctx.backoff });
        return retryLater(ctx, tx, item, at, op.id);
      }
      case "StepFailed": {
        const error = op.error ?? { name: "Error", message: "Step failed" };
        await recordStepError(tx, run.id, op, error, a.stepId === op.id ? a.attempt : 0, now);
        await memo(op, { error });
        break;
      }
      case "StepPlanned": {
        const r = await insertStep(tx, run.id, op, "PLANNED", now);
        if (r.inserted) plannedNew.push(op);
        else if (r.done) stale = true;
        else if (ops.length === 1 && a.stepId === null) {
          // The only reported step is already planned: we are its call now unless one is queued.
          const [queued] = await query<{ id: string }>(
            tx,
            `SELECT id FROM runtime_queue WHERE "runId" = $1 AND "stepId" = $2 AND id <> $3`,
            run.id,
            op.id,
            item.id,
          );
          if (!queued) plannedNew.push(op);
        }
        break;
      }
      case "Sleep": {
        const r = await insertStep(tx, run.id, op, "WAITING", now);
        if (r.done) stale = true;
        if (!r.inserted) break;
        let until: Date;
        try {
          until = sleepUntil(op.name ?? "", now);
        } catch (err) {
          await memo(op, { error: serializeError(err) });
          break;
        }
        if (until <= now) await memo(op, { data: null });
        else {
          notifyDue(until);
          await exec(
            tx,
            `INSERT INTO runtime_queue (id, kind, "runId", "stepId", "availableAt", "createdAt") VALUES ($1, 'TIMER', $2, $3, $4, $5)`,
            newId(now.getTime()),
            run.id,
            op.id,
            until,
            now,
          );
        }
        break;
      }
      case "WaitForEvent": {
        const r = await insertStep(tx, run.id, op, "WAITING", now);
        if (r.done) stale = true;
        if (!r.inserted) break;
        const expression = typeof op.opts?.if === "string" ? op.opts.if : null;
        let timeoutMs: number;
        try {
          if (expression) validateExpression(expression, ["event", "async"]);
          timeoutMs = requireDurationMs((op.opts?.timeout as string | number | undefined) ?? "", "waitForEvent timeout");
        } catch (err) {
          await memo(op, { error: serializeError(err) });
          break;
        }
        const wait = await createWait(tx, {
          runId: run.id,
          kind: "EVENT",
          eventName: op.name ?? "",
          expression,
          hashedId: op.id,
          expiresAt: new Date(now.getTime() + timeoutMs),
          now,
          opensAtPreviousStep: true,
        });
        a.createdWaits.push({ ...wait, runId: run.id, eventName: op.name ?? "", expression, hashedId: op.id, expiresAt: new Date(now.getTime() + timeoutMs) });
        break;
      }
      case "InvokeFunction": {
        const r = await insertStep(tx, run.id, op, "WAITING", now);
        if (r.done) stale = true;
        if (!r.inserted) break;
        const targetId = String(op.opts?.function_id ?? "");
        const target = ctx.registry.peek(targetId);
        if (!target) {
          await memo(op, { error: { name: "Error", message: `Could not invoke "${targetId}": no such function in this app` } });
          break;
        }
        const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown>; user?: Record<string, unknown> };
        const timeout = op.opts?.timeout as string | number | undefined;
        const child = await createRun(tx, {
          fn: target,
          event: {
            id: newId(now.getTime()),
            name: FUNCTION_INVOKED,
            data: payload.data ?? {},
            ...(payload.user ? { user: payload.user } : {}),
            ts: now.getTime(),
          },
          eventId: null,
          now,
          organizationId: run.organizationId,
          parent: { runId: run.id, hashedId: op.id },
          applyEventFlowControl: false,
        });
        if (!("runId" in child)) {
          await memo(op, { error: { name: "Error", message: `Could not invoke "${targetId}"` } });
          break;
        }
        await createWait(tx, {
          runId: run.id,
          kind: "INVOKE",
          eventName: null,
          expression: null,
          hashedId: op.id,
          invokeRunId: child.runId,
          expiresAt: timeout === undefined ? null : new Date(now.getTime() + requireDurationMs(timeout, "invoke timeout")),
          now,
        });
        break;
      }
      default:
        // AI gateway, step.fetch, signals, ...: fail the step clearly instead of hanging the run.
        if (!(await insertStep(tx, run.id, op, "PLANNED", now)).done) {
          await memo(op, {
            error: { name: "UnsupportedOperation", message: `Step op "${op.op}" is not supported by the embedded executor; use an Inngest server for it` },
          });
        }
    }
  }

  if (ops.length === 1 && plannedNew.length === 1 && memoized.length === 0) {
    // A single planned step: this item becomes its call. In a parallel run the item says so in the
    // database too: the other items of the run, which finished their own steps and discover in
    // turn, see the same step planned, and the check above must find this item as its call (its
    // row still named the step it was created for, so each of them ran the step again).
    if (run.parallel) await exec(tx, `UPDATE runtime_queue SET "stepId" = $2 WHERE id = $1`, item.id, plannedNew[0]!.id);
    return { stop: false, stepId: plannedNew[0]!.id, memoized, reload: stale };
  }
  for (const op of plannedNew) {
    await exec(
      tx,
      `INSERT INTO runtime_queue (id, kind, "runId", "stepId", "availableAt", "concurrencyKeys", "createdAt") VALUES ($1, 'CALL', $2, $3, $4, $5::text[], $4)`,
      newId(now.getTime()),
      run.id,
      op.id,
      now,
      run.concurrency,
    );
  }
  if (memoized.length > 0 || stale) {
    const [pending] = await query<{ id: string }>(
      tx,
      `SELECT id FROM runtime_queue WHERE "runId" = $1 AND kind = 'CALL' AND "stepId" IS NULL AND "leaseOwner" IS NULL AND id <> $2 LIMIT 1`,
      run.id,
      item.id,
    );
    if (!pending) return { stop: false, stepId: null, memoized, reload: stale || plannedNew.length > 0 };
  }
  await deleteItem(tx, item.id);
  return { stop: true };
}

/**
 * Store a wait (and its timeout item). A waitForEvent's window (its `createdAt`) opens when the
 * step before it started, not when the wait is stored: the code read some state in that step and
 * now waits for the event that changes it, so an event that arrived in between must match. After a
 * step.run (or step.sendEvent) that is the step's start; after a sleep, a wait or an invoke, the
 * moment it ended (when the code resumed: the event an earlier wait took is not taken again); for a
 * first step, the run's start.
 */
export async function createWait(
  tx: Tx,
  w: {
    runId: string;
    kind: "EVENT" | "INVOKE" | "CANCEL";
    eventName: string | null;
    expression: string | null;
    hashedId: string;
    invokeRunId?: string;
    expiresAt: Date | null;
    now: Date;
    opensAtPreviousStep?: boolean;
  },
): Promise<{ id: string; opensAt: Date }> {
  const id = newId(w.now.getTime());
  const [row] = await query<{ createdAt: Date }>(
    tx,
    `INSERT INTO runtime_waits (id, "runId", kind, "eventName", expression, "hashedId", "invokeRunId", "expiresAt", "createdAt")
     VALUES ($1, $2, $3::"RuntimeWaitKind", $4, $5, $6, $7, $8,
       CASE WHEN $10::boolean THEN LEAST($9, COALESCE(
         (SELECT CASE WHEN s.op IN ('Run', 'SendEvent') THEN s."startedAt" ELSE COALESCE(s."endedAt", s."startedAt") END
          FROM runtime_runs r JOIN runtime_steps s ON s."runId" = r.id AND s."hashedId" = r.stack[cardinality(r.stack)] WHERE r.id = $2),
         (SELECT "startedAt" FROM runtime_runs WHERE id = $2), $9)) ELSE $9 END)
     RETURNING "createdAt"`,
    id,
    w.runId,
    w.kind,
    w.eventName,
    w.expression,
    w.hashedId,
    w.invokeRunId ?? null,
    w.expiresAt,
    w.now,
    w.opensAtPreviousStep ?? false,
  );
  if (w.expiresAt) {
    notifyDue(w.expiresAt);
    await exec(
      tx,
      `INSERT INTO runtime_queue (id, kind, "runId", "waitId", "availableAt", "createdAt") VALUES ($1, 'WAIT_TIMEOUT', $2, $3, $4, $5)`,
      newId(w.now.getTime()),
      w.runId,
      id,
      w.expiresAt,
      w.now,
    );
  }
  return { id, opensAt: row?.createdAt ?? w.now };
}

export type CreatedWait = { id: string; opensAt: Date; runId: string; eventName: string; expression: string | null; hashedId: string; expiresAt: Date };
