/**
 * Benchmark of the embedded executor (not a test), quoted against a pgbench baseline measured in
 * the same run on the same server (one-row INSERT ... ON CONFLICT DO UPDATE, -c 8 -j 2):
 * - steps/s of a 10-step function, BENCH_RUNS runs sent at once;
 * - event fan-out: events ingested/s, runs started/s and completed/s;
 * - the latency of a 1-step run on an idle queue (send -> run ended), p50/p95;
 * - timers: overshoot of a 1 s step.sleep (resumed - due), and the delay of a 1 s retry
 *   (RetryAfterError "1s": failed attempt -> next attempt), p50/p95/max.
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:runtime
 * Knobs: BENCH_RUNS (default 100), BENCH_WARMUP_RUNS (100 runs of the 10-step function before, timed apart; 0: none), BENCH_FANOUT_EVENTS (500), BENCH_PGBENCH_SECONDS (15),
 * BENCH_CONCURRENCY (executor concurrency, 16), BENCH_EXECUTORS (1), BENCH_LATENCY_RUNS (30),
 * BENCH_TIMER_RUNS (40), BENCH_POLL_MS (250: how often the bench polls for the end of a phase), BENCH_SERVE (local: calls handed to the serve() handler of this process, as
 * `npm start` does; http: over HTTP, as a worker process or a remote app), BENCH_PROCESS_ENV (plain:
 * process.env as a plain object, as `npm start` does; node: Node's own), BENCH_CPU_PROF=<dir> (V8 CPU profiles of the 10-step, fan-out and timer phases: the executor, serve() and
 * the checkpoint API all run in this process).
 */
import { RetryAfterError } from "inngest";
import { serve } from "inngest/next";
import { Executor } from "@/lib/runtime/executor";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { createDb, setDb } from "@/lib/db/client";
import { detachProcessEnv } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";
import { quietLogger, startAppServer, testClient } from "@/tests/integration/runtime/harness";
import { adminQuery, pgbenchTps } from "./pgbench";
import pg from "pg";

// Statements sent by this process (every pg client: the executor's pool, the checkpoint API's, Prisma's
// adapter for the bench's own polling), to print them per step beside the CPU.
let statements = 0;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP_RUNS = Number(process.env.BENCH_WARMUP_RUNS ?? 100);
const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 500);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const EXECUTORS = Number(process.env.BENCH_EXECUTORS ?? 1);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 30);
const TIMER_RUNS = Number(process.env.BENCH_TIMER_RUNS ?? 40);
const FANOUT_FUNCTIONS = 3;
const SERVE = process.env.BENCH_SERVE === "http" ? "http" : "local";
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 250);

if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database).");
  process.exit(2);
}
// As npm start does (instrumentation.ts): process.env as a plain object. BENCH_PROCESS_ENV=node keeps
// Node's environ-backed object, which the Inngest SDK enumerates on every call (lib/env.ts detachProcessEnv).
const PROCESS_ENV = process.env.BENCH_PROCESS_ENV === "node" ? "node" : "plain";
if (PROCESS_ENV === "plain") detachProcessEnv();
// Its own database (not me_t_*: concurrent test runs drop those when they finish).
const admin = process.env.DATABASE_URL;
const dbName = `me_bench_${randomBytes(4).toString("hex")}`;
await adminQuery(admin, `CREATE DATABASE "${dbName}"`);
const benchUrl = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
await migrate(benchUrl);
const db = createDb(benchUrl, 5);
setDb(db);
const database = {
  url: benchUrl,
  cleanup: async () => {
    await db.$disconnect();
    await adminQuery(admin, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  },
};

/**
 * Polls `check` every POLL_MS until it holds. The bench's own polling runs on the main thread of the
 * process it measures (a Prisma count each time): every figure is taken from the runs' own timestamps,
 * never from the poll that saw them, so the poll can be sparse and steal little from the engine.
 */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** When the run started by event `eventId` ended (polled; the time is the run's own endedAt). */
async function waitForRun(eventId: string): Promise<Date> {
  for (;;) {
    const [run] = await db.$queryRawUnsafe<{ endedAt: Date | null }[]>(`SELECT "endedAt" FROM runtime_runs WHERE "eventId" = $1`, eventId);
    if (run?.endedAt) return run.endedAt;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const server = await startAppServer();
const client = testClient(server.origin, "bench");
const tenSteps = client.createFunction({ id: "ten-steps", triggers: [{ event: "bench/ten.started" }] }, async ({ event, step }) => {
  let acc = Number(event.data.n);
  for (let i = 0; i < 10; i++) acc = await step.run(`step-${i}`, () => acc + 1);
  return acc;
});
const fanTargets = Array.from({ length: FANOUT_FUNCTIONS }, (_, i) =>
  client.createFunction({ id: `fan-${i}`, triggers: [{ event: "bench/fan.sent" }] }, async ({ event }) => event.data.n),
);
const oneStep = client.createFunction({ id: "one-step", triggers: [{ event: "bench/one.started" }] }, async ({ event, step }) =>
  step.run("only", () => Number(event.data.n)),
);
const sleeper = client.createFunction({ id: "sleeper", triggers: [{ event: "bench/sleep.started" }] }, async ({ step }) => {
  await step.run("before", () => Date.now());
  await step.sleep("nap", "1s");
  return step.run("after", () => Date.now());
});
const retryTimes = new Map<string, number[]>();
const retrier = client.createFunction({ id: "retrier", triggers: [{ event: "bench/retry.started" }], retries: 2 }, async ({ step, runId, attempt }) => {
  await step.run("flaky", () => {
    const times = retryTimes.get(runId) ?? [];
    times[attempt] = Date.now();
    retryTimes.set(runId, times);
    if (attempt === 0) throw new RetryAfterError("fails once", "1s");
    return attempt;
  });
});
const handler = serve({ client, functions: [tenSteps, ...fanTargets, oneStep, sleeper, retrier] });
server.setHandlers(handler as never);
// As `npm start` runs it, the executor hands calls to the serve() handler of its own process
// (lib/runtime/local-serve.ts); BENCH_SERVE=http sends them over HTTP (a worker, a remote app).
const localServe = SERVE === "http" ? undefined : () => (request: Request) => handler.POST(request as never, undefined as never);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const dist = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(0)} ms, p95 ${pct(s, 95).toFixed(0)} ms, max ${(s.at(-1) ?? NaN).toFixed(0)} ms`;
};

/**
 * CPU time (ms) of each of the server's backends on the bench database, read from /proc (the server
 * runs on this machine, as the bench's other figures assume); undefined where /proc is not readable.
 */
async function backendCpu(): Promise<Map<number, number> | undefined> {
  const pids = await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const cpu = new Map<number, number>();
  for (const { pid } of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // ended meanwhile
      return undefined; // no /proc here, or another machine's server
    }
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    cpu.set(pid, ((Number(f[11]) + Number(f[12])) * 1000) / 100); // utime + stime (fields 14, 15), USER_HZ
  }
  return cpu;
}
/** CPU used by the bench database's backends between two readings (a backend gone meanwhile is not counted). */
function backendCpuMs(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

// BENCH_CPU_PROF=<dir>: a V8 CPU profile of each of the 10-step, fan-out and timer phases.
const profiler = process.env.BENCH_CPU_PROF ? new Session() : undefined;
async function startProfile(): Promise<void> {
  if (!profiler) return;
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
async function stopProfile(phase: string): Promise<void> {
  if (!profiler) return;
  const { profile } = await profiler.post("Profiler.stop");
  const dir = process.env.BENCH_CPU_PROF!;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `runtime-${phase}-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  profiler.disconnect();
  console.log(`CPU profile of the ${phase} phase: ${file}`);
}

const executors = Array.from(
  { length: EXECUTORS },
  () => new Executor({ databaseUrl: database.url, serveUrl: server.serveUrl, awaitSync: true, concurrency: CONCURRENCY, pollMs: 50, logger: quietLogger, localServe }),
);
for (const e of executors) await e.start();

try {
  console.log(`pgbench baseline (${PGBENCH_SECONDS}s, -c 8 -j 2, one-row upsert)...`);
  await db.$executeRawUnsafe(`CREATE TABLE bench_leads (id int PRIMARY KEY, hits int NOT NULL)`);
  const tps = pgbenchTps(database.url, PGBENCH_SECONDS);

  // Steps/s: RUNS runs of a 10-step function, from send to the last completion. First WARMUP_RUNS
  // runs of the same function, timed apart: the process's first runs also pay for V8 compiling the
  // SDK's and the executor's code (a server that has been up for a while has done it; pgbench's
  // figure beside it is 15 s of steady state).
  const warmT0 = Date.now();
  let warmSeconds = 0;
  if (WARMUP_RUNS > 0) {
    await client.send(Array.from({ length: WARMUP_RUNS }, (_, k) => ({ name: "bench/ten.started", data: { n: -1 - k } })));
    await waitFor("warm-up runs", async () => (await db.runtimeRun.count({ where: { functionId: "bench-ten-steps", status: "COMPLETED" } })) === WARMUP_RUNS);
    const [{ last }] = await db.$queryRawUnsafe<{ last: Date }[]>(`SELECT max("endedAt") AS last FROM runtime_runs WHERE "functionId" = 'bench-ten-steps'`);
    warmSeconds = (last.getTime() - warmT0) / 1000;
  }
  await startProfile();
  const b0 = await backendCpu();
  const c0 = process.cpuUsage();
  const s0 = statements;
  const t0 = Date.now();
  for (let i = 0; i < RUNS; i += 100) {
    await client.send(Array.from({ length: Math.min(100, RUNS - i) }, (_, k) => ({ name: "bench/ten.started", data: { n: i + k } })));
  }
  await waitFor("10-step runs", async () => (await db.runtimeRun.count({ where: { functionId: "bench-ten-steps", status: "COMPLETED" } })) === WARMUP_RUNS + RUNS);
  // To the last run's own end (its endedAt, written by the executor of this process on the same clock),
  // not to the poll that saw it: the 50 ms polling added 0-50 ms to a phase of under a second.
  const [{ last }] = await db.$queryRawUnsafe<{ last: Date }[]>(`SELECT max("endedAt") AS last FROM runtime_runs WHERE "functionId" = 'bench-ten-steps'`);
  const stepSeconds = (last.getTime() - t0) / 1000;
  // Each run's time from its event to its end: a phase that ends late shows which run held it.
  const durations = await db.$queryRawUnsafe<{ id: string; ms: number }[]>(
    `SELECT id, (extract(epoch FROM "endedAt" - "createdAt") * 1000)::float8 AS ms FROM runtime_runs
     WHERE "functionId" = 'bench-ten-steps' AND "createdAt" >= $1 ORDER BY ms`,
    new Date(t0),
  );
  console.log(`10-step run, event -> end        ${dist(durations.map((d) => d.ms))}`);
  const slowest = durations[durations.length - 1];
  if (slowest && slowest.ms > 3 * durations[Math.floor(durations.length / 2)]!.ms) {
    // Diagnostics of an outlier: the slowest run's steps (when each started and ended, attempts).
    const steps = await db.$queryRawUnsafe<{ stepId: string; at: number; ms: number; attempts: number }[]>(
      `SELECT s."stepId", (extract(epoch FROM s."startedAt" - r."createdAt") * 1000)::float8 AS at,
         (extract(epoch FROM s."endedAt" - s."startedAt") * 1000)::float8 AS ms, s.attempts
       FROM runtime_steps s JOIN runtime_runs r ON r.id = s."runId" WHERE s."runId" = $1 ORDER BY s."startedAt"`,
      slowest.id,
    );
    console.log(`  slowest run ${slowest.id}: ${steps.map((x) => `${x.stepId}@${x.at.toFixed(0)}+${x.ms.toFixed(0)}${x.attempts > 1 ? `x${x.attempts}` : ""}`).join(" ")}`);
  }
  const c1 = process.cpuUsage(c0);
  const b1 = await backendCpu();
  const pgMs = backendCpuMs(b0, b1);
  const perStep = (us: number) => (us / 1000 / (RUNS * 10)).toFixed(3);
  console.log(`CPU of this process per step: ${perStep(c1.user + c1.system)} ms (user ${perStep(c1.user)}, system ${perStep(c1.system)})`);
  console.log(`statements per 10-step run (pg driver, this process): ${((statements - s0) / RUNS).toFixed(2)}`);
  if (pgMs !== undefined) console.log(`CPU of PostgreSQL per step (the bench database's backends): ${(pgMs / (RUNS * 10)).toFixed(3)} ms`);
  await stopProfile("ten-steps");
  const failed = await db.runtimeRun.count({ where: { status: "FAILED" } });
  const stepsPerSecond = (RUNS * 10) / stepSeconds;

  // Fan-out/s: FANOUT_EVENTS events, each starting FANOUT_FUNCTIONS functions.
  await startProfile();
  const c2 = process.cpuUsage();
  const t1 = Date.now();
  for (let i = 0; i < FANOUT_EVENTS; i += 100) {
    await client.send(Array.from({ length: Math.min(100, FANOUT_EVENTS - i) }, (_, k) => ({ name: "bench/fan.sent", data: { n: i + k } })));
  }
  const sentSeconds = (Date.now() - t1) / 1000;
  const expected = FANOUT_EVENTS * FANOUT_FUNCTIONS;
  await waitFor(
    "fan-out runs completed",
    async () => (await db.runtimeRun.count({ where: { functionId: { startsWith: "bench-fan-" }, status: "COMPLETED" } })) === expected,
  );
  // To the last run's creation and the last run's end (the executor's own timestamps, this process's clock).
  const [fan] = await db.$queryRawUnsafe<{ created: Date; ended: Date }[]>(
    `SELECT max("createdAt") AS created, max("endedAt") AS ended FROM runtime_runs WHERE "functionId" LIKE 'bench-fan-%'`,
  );
  const startedSeconds = (fan!.created.getTime() - t1) / 1000;
  const fanSeconds = (fan!.ended.getTime() - t1) / 1000;
  const c3 = process.cpuUsage(c2);
  await stopProfile("fan-out");
  console.log(`CPU of this process per fan-out run: ${((c3.user + c3.system) / 1000 / expected).toFixed(3)} ms`);

  // Latency of a 1-step run on an idle queue: one at a time, send -> endedAt.
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const sentAt = Date.now();
    const [id] = (await client.send({ name: "bench/one.started", data: { n: i } })).ids;
    const run = await waitForRun(id!);
    latencies.push(run.getTime() - sentAt);
  }

  // Timers: TIMER_RUNS 1 s sleeps and TIMER_RUNS 1 s retries, started together.
  await startProfile();
  const c4 = process.cpuUsage();
  await client.send(Array.from({ length: TIMER_RUNS }, (_, n) => ({ name: "bench/sleep.started", data: { n } })));
  await client.send(Array.from({ length: TIMER_RUNS }, (_, n) => ({ name: "bench/retry.started", data: { n } })));
  await waitFor(
    "timer runs",
    async () => (await db.runtimeRun.count({ where: { functionId: { in: ["bench-sleeper", "bench-retrier"] }, status: "COMPLETED" } })) === 2 * TIMER_RUNS,
  );
  const c5 = process.cpuUsage(c4);
  await stopProfile("timers");
  console.log(`CPU of this process per timer run: ${((c5.user + c5.system) / 1000 / (2 * TIMER_RUNS)).toFixed(3)} ms`);
  // Overshoot: when the run resumed after its sleep - when the sleep was due (commit time + 1 s).
  const overshoots = (
    await db.$queryRawUnsafe<{ resumed: number; due: Date }[]>(
      `SELECT r.output::text::bigint AS resumed, s."startedAt" + interval '1 second' AS due
       FROM runtime_runs r JOIN runtime_steps s ON s."runId" = r.id AND s."stepId" = 'nap' WHERE r."functionId" = 'bench-sleeper'`,
    )
  ).map((r) => Number(r.resumed) - r.due.getTime());
  const retryDelays = [...retryTimes.values()].map((t) => t[1]! - t[0]!);

  const ratio = (x: number) => `${((x / tps) * 100).toFixed(2)}% of pgbench`;
  console.log("");
  console.log(`pgbench baseline               ${tps.toFixed(0)} tps`);
  console.log(`executors x concurrency        ${EXECUTORS} x ${CONCURRENCY}, calls ${SERVE === "http" ? "over HTTP" : "in-process (as npm start)"}, process.env ${PROCESS_ENV === "plain" ? "plain (as npm start)" : "Node's"}`);
  console.log(`10-step function               ${RUNS} runs, ${RUNS * 10} steps in ${stepSeconds.toFixed(2)} s${failed ? ` (${failed} FAILED)` : ""}`);
  console.log(`  steps/s                      ${stepsPerSecond.toFixed(1)}  (${ratio(stepsPerSecond)})`);
  if (WARMUP_RUNS > 0) {
    const cold = (WARMUP_RUNS * 10) / warmSeconds;
    console.log(`  the ${WARMUP_RUNS} runs before (warm-up)  ${cold.toFixed(1)} steps/s  (${ratio(cold)}): the process's first runs, V8 still compiling`);
  }
  console.log(`event fan-out                  ${FANOUT_EVENTS} events x ${FANOUT_FUNCTIONS} functions = ${expected} runs`);
  console.log(`  events ingested/s            ${(FANOUT_EVENTS / sentSeconds).toFixed(1)}  (${ratio(FANOUT_EVENTS / sentSeconds)})`);
  console.log(`  runs started/s (fan-out)     ${(expected / startedSeconds).toFixed(1)}  (${ratio(expected / startedSeconds)})`);
  console.log(`  runs completed/s             ${(expected / fanSeconds).toFixed(1)}  (${ratio(expected / fanSeconds)})`);
  console.log(`1-step run latency, idle queue ${dist(latencies)}  (${LATENCY_RUNS} runs, send -> ended)`);
  console.log(`1 s sleep overshoot            ${dist(overshoots)}  (${TIMER_RUNS} runs at once; resumed - due)`);
  console.log(`1 s retry (RetryAfterError)    ${dist(retryDelays)}  (${TIMER_RUNS} runs at once; failed attempt -> next attempt)`);
} finally {
  for (const e of executors) await e.stop(5_000);
  await server.close();
  await database.cleanup();
}
process.exit(0);
