import type { ChildProcess } from "node:child_process";
import { serve } from "inngest/next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Executor } from "@/lib/runtime/executor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { quietLogger, startAppServer, testClient, until, type AppServer } from "./harness";
import { buildTakeoverFunction } from "./fixtures/takeover-function";
import { killApp, spawnApp } from "./fixtures/spawn-app";

/**
 * Takeover (issue 19): kill -9 of the process holding a run's lease in the middle of a step; a
 * worker in another process, both with the executor's default lease (3 s) and heartbeat (1 s),
 * finishes the run within 5 s of the kill.
 */
let t: TestDatabase;
let child: ChildProcess | undefined;
let server: AppServer | undefined;
let survivor: Executor | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await survivor?.stop(2_000);
  await server?.close();
  await t?.cleanup();
});

describe("takeover", () => {
  it("another worker finishes the work of a SIGKILLed one within 5 s", async () => {
    const started = spawnApp("takeover-app.ts", { TAKEOVER_DATABASE_URL: t.url });
    child = started.child;
    const owner = await started.ready;
    const sender = testClient("http://127.0.0.1:1", "takeover-sender");
    await sender.send({ name: "test/held.started", data: {} });
    // The child holds the run: its first step is stored and it is inside the long one.
    await until(
      "the child to hold the run in its second step",
      async () => ((await t.db.runtimeStep.count({ where: { stepId: "first", status: "COMPLETED" } })) === 1 ? true : undefined),
      30_000,
    );
    expect(await t.db.runtimeQueueItem.count({ where: { leaseOwner: owner } })).toBe(1);

    // Another worker, with its own app process (the same functions), defaults for lease and heartbeat.
    server = await startAppServer();
    const client = testClient(server.origin, "takeover");
    server.setHandlers(serve({ client, functions: [buildTakeoverFunction(client, 10)] }) as never);
    survivor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger });
    await survivor.start();

    const killedAt = await killApp(child);
    const run = await until(
      "the run to complete",
      async () => {
        const r = await t.db.runtimeRun.findFirst({ where: { functionId: "takeover-held" } });
        return r?.status === "COMPLETED" ? r : undefined;
      },
      15_000,
    );
    const tookMs = run.endedAt!.getTime() - killedAt;
    console.log(`takeover: run completed ${tookMs} ms after the kill`);
    expect(run.output).toBe("done+held");
    expect(tookMs).toBeLessThanOrEqual(5_000);
  }, 120_000);
});
