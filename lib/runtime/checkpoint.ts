import { now as clockNow } from "./clock";
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
 * append them to the run's stack.
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
  const now = clockNow();
  const [row] = await query<{ active: boolean; leased: boolean; stored: number }>(
    pool,
    `WITH run AS (
       SELECT id FROM runtime_runs WHERE id = $1 AND status = 'RUNNING' FOR UPDATE
     ), lease AS (
       SELECT id FROM runtime_queue WHERE id = $2 AND "leaseOwner" = $3 AND "runId" = $1 AND EXISTS (SELECT 1 FROM run) FOR UPDATE
     ), input AS (
       SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $11::timestamptz[], $12::int[])
         WITH ORDINALITY AS s(hashed, step_id, name, op, input, output, started, duration, n)
     ), ins AS (
       INSERT INTO runtime_steps ("runId", "hashedId", "stepId", name, op, status, input, output, "createdAt", "startedAt", "endedAt", "durationMs", attempts)
       SELECT $1, hashed, step_id, name, op, 'COMPLETED', input, output, $10, COALESCE(started, $10), $10, duration, 1 FROM input WHERE EXISTS (SELECT 1 FROM lease)
       ON CONFLICT ("runId", "hashedId") DO UPDATE SET status = 'COMPLETED', output = EXCLUDED.output, error = NULL, "endedAt" = EXCLUDED."endedAt",
         "startedAt" = COALESCE(runtime_steps."startedAt", EXCLUDED."startedAt"), "stepId" = COALESCE(runtime_steps."stepId", EXCLUDED."stepId"),
         "durationMs" = EXCLUDED."durationMs",
         name = COALESCE(runtime_steps.name, EXCLUDED.name), attempts = runtime_steps.attempts + 1
         WHERE runtime_steps.status IN ('PLANNED', 'WAITING')
       RETURNING "hashedId"
     ), upd AS (
       UPDATE runtime_runs SET version = version + (SELECT count(*) FROM ins)::int,
         stack = stack || ARRAY(SELECT i.hashed FROM input i JOIN ins ON ins."hashedId" = i.hashed ORDER BY i.n), attempt = 0, "updatedAt" = $10
       WHERE id = $1 AND EXISTS (SELECT 1 FROM ins) RETURNING id
     )
     SELECT EXISTS (SELECT 1 FROM run) AS active, EXISTS (SELECT 1 FROM lease) AS leased, (SELECT count(*) FROM upd)::int AS stored`,
    runId,
    itemId,
    owner,
    steps.map((s) => s.id),
    steps.map((s) => s.userland?.id ?? s.displayName ?? null),
    steps.map((s) => s.displayName ?? s.name ?? null),
    steps.map(opKind),
    steps.map((s) => (s.opts && Object.keys(s.opts).length ? json(s.opts) : null)),
    steps.map((s) => json(s.data ?? null)),
    now,
    steps.map((s) => stepTiming(s)?.startedAt ?? null),
    steps.map((s) => stepTiming(s)?.durationMs ?? null),
  );
  if (!row?.active || !row.leased) return { status: 409, body: { error: "stale dispatch: the run ended or its call was taken over" } };
  return { status: 200, body: {} };
}
