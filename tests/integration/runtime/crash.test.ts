import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, freePort, type TestDatabase } from "@/tests/helpers/db";
import { sleep, testClient, until } from "./harness";

/**
 * Crash test: 20 pipelines of 5 steps; the process running the app and the executor is SIGKILLed
 * at random moments and restarted. All 20 complete; steps are at-least-once, and every side
 * effect (written under run id + step id) exists exactly once.
 */
let t: TestDatabase;
let child: ChildProcess | undefined;
let port: number;

function start(): Promise<ChildProcess> {
  const p = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      path.join(import.meta.dirname, "../../../scripts/server-only-loader.mjs"),
      path.join(import.meta.dirname, "fixtures", "crash-app.ts"),
    ],
    {
      env: { ...process.env, CRASH_DATABASE_URL: t.url, CRASH_PORT: String(port), LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("crash-app did not start")), 30_000);
    p.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("ready")) {
        clearTimeout(timer);
        resolve(p);
      }
    });
    p.on("exit", (code) => reject(new Error(`crash-app exited early (${code})`)));
  });
}

async function kill(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return;
  const exited = new Promise((r) => p.once("exit", r));
  p.kill("SIGKILL");
  await exited;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.$executeRawUnsafe(`CREATE TABLE crash_effects (key text PRIMARY KEY, pipeline int NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  await t.db.$executeRawUnsafe(`CREATE TABLE crash_attempts (id serial PRIMARY KEY, key text NOT NULL)`);
  port = await freePort();
});
afterAll(async () => {
  if (child) await kill(child);
  await t?.cleanup();
});

describe("crash test", () => {
  it("SIGKILL at random moments during 20 pipelines x 5 steps: all complete, each effect exactly once", async () => {
    child = await start();
    const client = testClient(`http://127.0.0.1:${port}`, "crash-test-sender");
    await client.send(Array.from({ length: 20 }, (_, n) => ({ name: "test/pipeline.started", data: { n } })));

    // Up to 10 kills; on a saturated machine (a restart then costs seconds of module loading) stop
    // after a minute once 5 have landed, so the test measures recovery rather than start-up time.
    let kills = 0;
    const killsUntil = Date.now() + 60_000;
    for (; kills < 10 && (kills < 5 || Date.now() < killsUntil); kills++) {
      await sleep(150 + Math.random() * 550);
      const done = await t.db.runtimeRun.count({ where: { status: "COMPLETED" } });
      if (done === 20) break;
      await kill(child);
      child = await start();
    }

    expect(kills).toBeGreaterThanOrEqual(5); // the kills landed while pipelines were still running
    await until(
      "20 completed pipelines",
      async () => ((await t.db.runtimeRun.count({ where: { status: "COMPLETED" } })) === 20 ? true : undefined),
      90_000,
    ).catch(async (err: Error) => {
      // Say where the missing pipelines are (never started, stuck in the queue, failed).
      const state = await t.db.$queryRawUnsafe<unknown[]>(
        `SELECT (SELECT json_agg(json_build_object('status', status, 'n', n)) FROM (SELECT status, count(*)::int AS n FROM runtime_runs GROUP BY status) s) AS runs,
                  (SELECT count(*)::int FROM runtime_events WHERE cardinality("runIds") = 0) AS "eventsWithoutRun",
                  (SELECT json_agg(q) FROM (SELECT kind, "stepId", "availableAt", "leaseOwner", "leasedUntil", now() AS now FROM runtime_queue) q) AS queue`,
      );
      throw new Error(`${err.message} after ${kills} kills: ${JSON.stringify(state)}`);
    });
    const runs = await t.db.runtimeRun.findMany({ select: { status: true, output: true, event: true } });
    expect(runs).toHaveLength(20);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    for (const r of runs) expect(r.output).toBe(5 * (r.event as { data: { n: number } }).data.n);

    const [effects] = await t.db.$queryRawUnsafe<{ n: bigint; distinct: bigint }[]>(`SELECT count(*) AS n, count(DISTINCT key) AS distinct FROM crash_effects`);
    expect(Number(effects!.n)).toBe(100);
    expect(Number(effects!.distinct)).toBe(100);
    const perPipeline = await t.db.$queryRawUnsafe<{ pipeline: number; n: bigint }[]>(`SELECT pipeline, count(*) AS n FROM crash_effects GROUP BY pipeline`);
    expect(perPipeline).toHaveLength(20);
    expect(perPipeline.every((p) => Number(p.n) === 5)).toBe(true);
    const [attempts] = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM crash_attempts`);
    // At-least-once: some steps were interrupted and ran again.
    expect(Number(attempts!.n)).toBeGreaterThanOrEqual(100);
    console.log(`crash test: ${kills} kills, ${Number(attempts!.n)} step executions for 100 steps`);
  }, 150_000);
});
