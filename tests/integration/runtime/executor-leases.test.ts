import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { now } from "@/lib/runtime/clock";
import { Executor } from "@/lib/runtime/executor";
import { hashStepId } from "@/lib/runtime/sdk-call";
import { newId as ulid } from "@/lib/runtime/ulid";
import { claimItems } from "@/lib/runtime/queue";
import { createPool } from "@/lib/runtime/sql";
import { ended, FAST, quietLogger, sleep, startHarness, until, type Harness } from "./harness";

/**
 * Several executors on one database: every step runs, and never twice at the same time; work
 * leased by an executor that died is picked up once its lease expires.
 */
let h: Harness;
let second: Executor;
const running = new Map<string, number>();
const executions: string[] = [];
let overlaps = 0;

function build(inngest: Inngest) {
  const pipeline = inngest.createFunction({ id: "pipeline", triggers: [{ event: "test/pipeline.started" }] }, async ({ event, step, runId }) => {
    let total = 0;
    for (const name of ["one", "two", "three"]) {
      total += await step.run(name, async () => {
        const key = `${runId}:${name}`;
        running.set(key, (running.get(key) ?? 0) + 1);
        if (running.get(key)! > 1) overlaps++;
        executions.push(key);
        await sleep(5 + Math.random() * 15);
        running.set(key, running.get(key)! - 1);
        return (event.data as { n: number }).n;
      });
    }
    return total;
  });
  const napper = inngest.createFunction({ id: "napper", triggers: [{ event: "test/napper.started" }] }, async ({ step }) => {
    await step.run("a", () => "a");
    await step.sleep("nap", "1h");
  });
  return [pipeline, napper];
}

beforeAll(async () => {
  h = await startHarness(build, { executor: { concurrency: 4 } });
  second = new Executor({ databaseUrl: h.database.url, serveUrl: h.server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST, concurrency: 4 });
  await second.start();
});
afterAll(async () => {
  await second?.stop(2_000);
  await h?.stop();
});

describe("embedded executor: leases", () => {
  it("two executors share the queue without running a step twice concurrently", async () => {
    await h.client.send(Array.from({ length: 30 }, (_, n) => ({ name: "test/pipeline.started", data: { n } })));
    const runs = await ended(h.db, "test-app-pipeline", 30, 60_000);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    expect(runs.map((r) => r.output).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 30 }, (_, n) => n * 3));
    expect(overlaps).toBe(0);
    // Without crashes every step ran exactly once.
    expect(executions).toHaveLength(90);
    expect(new Set(executions).size).toBe(90);
  }, 70_000);

  it("picks up work leased by an executor that died, once the lease expires", async () => {
    await second.stop(2_000);
    await h.executor.stop(2_000);
    executions.length = 0;
    await h.client.send({ name: "test/pipeline.started", data: { n: 100 } });
    // A "dead" executor claims the items and never processes them (short lease).
    const pool = createPool(h.database.url, 2);
    const dead = await until("an item to claim", async () => {
      const items = await claimItems(pool, { owner: "dead-worker", limit: 10, now: now(), leaseMs: 3_000, blockedRetryMs: 1000, withKeys: false });
      return items.length > 0 ? items : undefined;
    });
    await pool.end();
    expect(dead.length).toBeGreaterThan(0);
    const revived = new Executor({ databaseUrl: h.database.url, serveUrl: h.server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
    await revived.start();
    try {
      await sleep(300);
      expect(executions).toHaveLength(0); // still leased by the dead worker (3 s lease)
      const runs = await ended(h.db, "test-app-pipeline", 31, 20_000);
      expect(runs.find((r) => r.output === 300)?.status).toBe("COMPLETED");
      expect(executions).toHaveLength(3);
    } finally {
      await revived.stop(2_000);
    }
  }, 30_000);

  it("an item left targeting a step that already has its result turns into a discovery call", async () => {
    const revived = new Executor({ databaseUrl: h.database.url, serveUrl: h.server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
    await revived.start();
    try {
      await h.client.send({ name: "test/napper.started", data: {} });
      const runId = await until("the nap", async () => {
        const timer = await h.db.runtimeQueueItem.findFirst({ where: { kind: "TIMER" } });
        return timer?.runId ?? undefined;
      });
      // As if a process died after committing step "a" but before retargeting its item.
      await h.db.runtimeQueueItem.create({
        data: { id: ulid(), kind: "CALL", runId, stepId: hashStepId("a"), availableAt: new Date(0), createdAt: new Date() },
      });
      await until(
        "the stale item to be handled",
        async () => ((await h.db.runtimeQueueItem.count({ where: { runId, kind: "CALL" } })) === 0 ? true : undefined),
        3_000,
      );
      const run = await h.db.runtimeRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run.status).toBe("RUNNING");
      expect(run.attempt).toBe(0);
    } finally {
      await revived.stop(2_000);
    }
  });
});
