/**
 * Benchmark of the embedded executor (not a test): steps/s of a 10-step function and event
 * fan-out/s, each quoted against a pgbench baseline measured in the same run on the same server
 * (ENVIRONMENT.md: one-row INSERT ... ON CONFLICT DO UPDATE, -c 8 -j 2).
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:runtime
 * Knobs: BENCH_RUNS (default 100), BENCH_FANOUT_EVENTS (500), BENCH_PGBENCH_SECONDS (15),
 * BENCH_CONCURRENCY (executor concurrency, 16), BENCH_EXECUTORS (1).
 */
import { serve } from "inngest/next";
import { Executor } from "@/lib/runtime/executor";
import { randomBytes } from "node:crypto";
import { createDb, setDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { quietLogger, startAppServer, testClient } from "@/tests/integration/runtime/harness";
import { adminQuery, pgbenchTps } from "./pgbench";

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 500);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const EXECUTORS = Number(process.env.BENCH_EXECUTORS ?? 1);
const FANOUT_FUNCTIONS = 3;

if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database).");
  process.exit(2);
}
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



async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
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
server.setHandlers(serve({ client, functions: [tenSteps, ...fanTargets] }) as never);

const executors = Array.from(
  { length: EXECUTORS },
  () => new Executor({ databaseUrl: database.url, serveUrl: server.serveUrl, awaitSync: true, concurrency: CONCURRENCY, pollMs: 50, logger: quietLogger }),
);
for (const e of executors) await e.start();

try {
  console.log(`pgbench baseline (${PGBENCH_SECONDS}s, -c 8 -j 2, one-row upsert)...`);
  await db.$executeRawUnsafe(`CREATE TABLE bench_leads (id int PRIMARY KEY, hits int NOT NULL)`);
  const tps = pgbenchTps(database.url, PGBENCH_SECONDS);

  // Steps/s: RUNS runs of a 10-step function, from send to the last completion.
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i += 100) {
    await client.send(Array.from({ length: Math.min(100, RUNS - i) }, (_, k) => ({ name: "bench/ten.started", data: { n: i + k } })));
  }
  await waitFor("10-step runs", async () => (await db.runtimeRun.count({ where: { functionId: "bench-ten-steps", status: "COMPLETED" } })) === RUNS);
  const stepSeconds = (performance.now() - t0) / 1000;
  const failed = await db.runtimeRun.count({ where: { status: "FAILED" } });
  const stepsPerSecond = (RUNS * 10) / stepSeconds;

  // Fan-out/s: FANOUT_EVENTS events, each starting FANOUT_FUNCTIONS functions.
  const t1 = performance.now();
  for (let i = 0; i < FANOUT_EVENTS; i += 100) {
    await client.send(Array.from({ length: Math.min(100, FANOUT_EVENTS - i) }, (_, k) => ({ name: "bench/fan.sent", data: { n: i + k } })));
  }
  const sentSeconds = (performance.now() - t1) / 1000;
  const expected = FANOUT_EVENTS * FANOUT_FUNCTIONS;
  await waitFor("fan-out runs started", async () => (await db.runtimeRun.count({ where: { functionId: { startsWith: "bench-fan-" } } })) === expected);
  const startedSeconds = (performance.now() - t1) / 1000;
  await waitFor(
    "fan-out runs completed",
    async () => (await db.runtimeRun.count({ where: { functionId: { startsWith: "bench-fan-" }, status: "COMPLETED" } })) === expected,
  );
  const fanSeconds = (performance.now() - t1) / 1000;

  const ratio = (x: number) => `${((x / tps) * 100).toFixed(2)}% of pgbench`;
  console.log("");
  console.log(`pgbench baseline               ${tps.toFixed(0)} tps`);
  console.log(`executors x concurrency        ${EXECUTORS} x ${CONCURRENCY}`);
  console.log(`10-step function               ${RUNS} runs, ${RUNS * 10} steps in ${stepSeconds.toFixed(2)} s${failed ? ` (${failed} FAILED)` : ""}`);
  console.log(`  steps/s                      ${stepsPerSecond.toFixed(1)}  (${ratio(stepsPerSecond)})`);
  console.log(`event fan-out                  ${FANOUT_EVENTS} events x ${FANOUT_FUNCTIONS} functions = ${expected} runs`);
  console.log(`  events ingested/s            ${(FANOUT_EVENTS / sentSeconds).toFixed(1)}  (${ratio(FANOUT_EVENTS / sentSeconds)})`);
  console.log(`  runs started/s (fan-out)     ${(expected / startedSeconds).toFixed(1)}  (${ratio(expected / startedSeconds)})`);
  console.log(`  runs completed/s             ${(expected / fanSeconds).toFixed(1)}  (${ratio(expected / fanSeconds)})`);
} finally {
  for (const e of executors) await e.stop(5_000);
  await server.close();
  await database.cleanup();
}
process.exit(0);
