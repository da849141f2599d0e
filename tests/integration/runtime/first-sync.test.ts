import { serve } from "inngest/next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Executor } from "@/lib/runtime/executor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { ended, FAST, quietLogger, sleep, startAppServer, testClient, type AppServer } from "./harness";

/**
 * An executor started without awaiting its first sync (the app's `npm run dev`, the crash test's
 * child) on a database that does not know the app's functions yet: events sent before the sync
 * succeeded wait in the queue and start their runs once the functions are known. They used to be
 * processed at once, matched against an empty registry and marked as heard by nobody: the runs
 * never started (the crash test lost a pipeline this way on a loaded machine).
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startAppServer();
});
afterAll(async () => {
  await executor?.stop(2_000);
  await server?.close();
  await t?.cleanup();
});

describe("first sync", () => {
  it("events sent before the executor's first sync start their runs once the functions are known", async () => {
    const client = testClient(server.origin, "first-sync");
    const fn = client.createFunction({ id: "greet", triggers: [{ event: "test/first-sync.greeted" }] }, async ({ event }) => `hello ${event.data.name}`);
    // The serve endpoint is not answering yet (the app is still starting): the sync keeps failing.
    executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, logger: quietLogger, ...FAST });
    await executor.start();
    await client.send([
      { name: "test/first-sync.greeted", data: { name: "Ada" } },
      { name: "test/first-sync.greeted", data: { name: "Grace" } },
    ]);
    // Give a claiming executor ample time to (wrongly) process the events before the app is up.
    await sleep(600);
    expect(await t.db.runtimeEvent.count({ where: { processedAt: { not: null } } })).toBe(0);

    server.setHandlers(serve({ client, functions: [fn] }) as never);
    const runs = await ended(t.db, "first-sync-greet", 2, 30_000);
    expect(runs.map((r) => r.output).sort()).toEqual(["hello Ada", "hello Grace"]);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
  });
});
