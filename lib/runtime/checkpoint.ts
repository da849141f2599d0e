import { now as clockNow } from "./clock";
import { groupPerPool } from "./group-commit";
import { stepTiming, type Op } from "./sdk-call";
import { json, query, type Pool } from "./sql";

/**
 * The server side of the SDK's checkpointing (inngest v4, "AsyncCheckpointing"): when a call
 * carries ctx.fn_id and ctx.qi_id, the SDK runs the run's consecutive `step.run`s itself in that
 * one request and, after each, POSTs `{api}/v1/checkpoint/<runId>/async` with
 * `{run_id, fn_id, qi_id, steps: [StepRun ops], ...}` and waits for the answer before the function
 * goes on. The step is durable once we answer 200; a crash later in the request replays from it.
 * 409 tells the SDK the dispatch is stale (our lease on the call was taken over, or the run ended):
 * it stops running user code at once.
 *
 * The executor sends qi_id = "<queue item id>|<lease owner>"; a checkpoint is accepted only while
 * that owner still holds the item. One statement: lock the run, check the lease, store the steps,
 * append them to the run's stack; concurrent checkpoints of other runs share it (./group-commit.ts).
 */
export type CheckpointBody = { run_id?: unknown; fn_id?: unknown; qi_id?: unknown; steps?: unknown };
export type CheckpointAnswer = { status: 200 | 400 | 409; body: Record<string, unknown> };

export function checkpointToken(itemId: string, owner: string): string {
  return `${itemId}|${owner}`;
}

function opKind(op: Op): string {
  return op.opts?.type === "step.sendEvent" ? "SendEvent" : "Run";
}

export async function applyCheckpoint(pool: Pool, runIdInPath: string, body: CheckpointBody): Promise<CheckpointAnswer> {
  const runId = typeof body.run_id === "string" ? body.run_id : runIdInPath;
  const [itemId, owner] = typeof body.qi_id === "string" ? body.qi_id.split("|") : [];
  const steps = Array.isArray(body.steps) ? (body.steps as Op[]) : [];
  if (runId !== runIdInPath || !itemId || !owner) return { status: 400, body: { error: "run_id and qi_id are required" } };
  // Only finished step.runs are buffered by the SDK; anything else goes back in the call's answer.
  if (steps.some((s) => !s || typeof s.id !== "string" || s.op !== "StepRun")) return { status: 400, body: { error: "only StepRun ops can be checkpointed" } };
  const stored = await groupOf(pool).submit({ runId, itemId, owner, steps });
  if (!stored) return { status: 409, body: { error: "stale dispatch: the run ended or its call was taken over" } };
  return { status: 200, body: {} };
}

/** A checkpoint to store: its steps, for the run whose item the owner holds. */
type Pending = { runId: string; itemId: string; owner: string; steps: Op[] };

/** Checkpoints of different runs share statements (./group-commit.ts). */
const groupOf = groupPerPool<Pending, boolean>(async (pool, batch) => {
  const stored = await storeCheckpoints(pool, batch);
  return batch.map((p) => stored.has(p.runId));
});

/**
 * One statement for a batch of checkpoints: lock the runs (in id order: no deadlock between two
 * batches), check each lease, store the steps, append them to each run's stack. Returns the runs
 * whose checkpoint was accepted (running, lease held).
 */
export async function storeCheckpoints(pool: Pool, batch: Pending[]): Promise<Set<string>> {
  const now = clockNow();
  const rows = batch.flatMap((p) => p.steps.map((step) => ({ p, step })));
  const result = await query<{ runId: string; ok: boolean }>(
    pool,
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9::int[])
         WITH ORDINALITY AS s(run_id, hashed, step_id, name, op, input, output, started, duration, n)
     ), runs AS (
       SELECT id FROM runtime_runs WHERE id = ANY($10::text[]) AND status = 'RUNNING' ORDER BY id FOR UPDATE
     ), lease AS (
       SELECT q."runId" FROM runtime_queue q JOIN unnest($10::text[], $11::text[], $12::text[]) AS c(run_id, item_id, owner)
         ON q.id = c.item_id AND q."leaseOwner" = c.owner AND q."runId" = c.run_id
       WHERE q."runId" IN (SELECT id FROM runs) ORDER BY q.id FOR UPDATE OF q
     ), ins AS (
       INSERT INTO runtime_steps ("runId", "hashedId", "stepId", name, op, status, input, output, "createdAt", "startedAt", "endedAt", "durationMs", attempts)
       SELECT run_id, hashed, step_id, name, op, 'COMPLETED', input, output, $13, COALESCE(started, $13), $13, duration, 1
       FROM input WHERE run_id IN (SELECT "runId" FROM lease)
       ON CONFLICT ("runId", "hashedId") DO UPDATE SET status = 'COMPLETED', output = EXCLUDED.output, error = NULL, "endedAt" = EXCLUDED."endedAt",
         "startedAt" = COALESCE(runtime_steps."startedAt", EXCLUDED."startedAt"), "stepId" = COALESCE(runtime_steps."stepId", EXCLUDED."stepId"),
         "durationMs" = EXCLUDED."durationMs",
         name = COALESCE(runtime_steps.name, EXCLUDED.name), attempts = runtime_steps.attempts + 1
         WHERE runtime_steps.status IN ('PLANNED', 'WAITING')
       RETURNING "runId", "hashedId"
     ), added AS (
       SELECT i.run_id, count(*)::int AS k, array_agg(i.hashed ORDER BY i.n) AS hashes
       FROM input i JOIN ins ON ins."runId" = i.run_id AND ins."hashedId" = i.hashed GROUP BY i.run_id
     ), upd AS (
       UPDATE runtime_runs r SET version = r.version + a.k, stack = r.stack || a.hashes, attempt = 0, "updatedAt" = $13
       FROM added a WHERE r.id = a.run_id RETURNING r.id
     )
     SELECT l."runId", true AS ok FROM lease l`,
    rows.map((r) => r.p.runId),
    rows.map((r) => r.step.id),
    rows.map((r) => r.step.userland?.id ?? r.step.displayName ?? null),
    rows.map((r) => r.step.displayName ?? r.step.name ?? null),
    rows.map((r) => opKind(r.step)),
    rows.map((r) => (r.step.opts && Object.keys(r.step.opts).length ? json(r.step.opts) : null)),
    rows.map((r) => json(r.step.data ?? null)),
    rows.map((r) => stepTiming(r.step)?.startedAt ?? null),
    rows.map((r) => stepTiming(r.step)?.durationMs ?? null),
    batch.map((p) => p.runId),
    batch.map((p) => p.itemId),
    batch.map((p) => p.owner),
    now,
  );
  return new Set(result.map((r) => r.runId));
}
