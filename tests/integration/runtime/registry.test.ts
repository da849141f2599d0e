import { serve } from "inngest/next";
import { afterAll, describe, expect, it } from "vitest";
import { FunctionRegistry } from "@/lib/runtime/registry";
import { createPool, type Pool } from "@/lib/runtime/sql";
import { syncFunctions } from "@/lib/runtime/sync";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { quietLogger, startAppServer, testClient, until, type AppServer } from "./harness";

/**
 * The function registry after a sync: a refresh() asked for after the sync's commit sees it, even while
 * a load that read before the commit is still in flight (a scheduler tick's, at an executor's start).
 * The first version shared that load: the registry stayed empty for its 5 s, and every event in that
 * window matched no function (a crash-test run in CI: 20 events, no run).
 */
let t: TestDatabase | undefined;
let server: AppServer | undefined;
const pools: Pool[] = [];
afterAll(async () => {
  for (const p of pools) await p.end();
  await server?.close();
  await t?.cleanup();
});

describe("function registry", () => {
  it("a refresh after a sync sees it, even while an older load is in flight", async () => {
    t = await createTestDatabase();
    server = await startAppServer();
    const client = testClient(server.origin, "registry-app");
    const fn = client.createFunction({ id: "hello", triggers: [{ event: "test/hello" }] }, async () => "hi");
    server.setHandlers(serve({ client, functions: [fn] }) as never);

    const pool = createPool(t.url, 4);
    pools.push(pool);
    // The registry's reads answer only once `release` is called, after they ran on the server: a load
    // that read before the sync committed is still in flight when the sync's refresh is asked for.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reads = 0;
    const slowAnswers = new Proxy(pool, {
      get(target, prop) {
        if (prop === "query")
          return async (...args: unknown[]) => {
            const result = await (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
            reads++;
            await held;
            return result;
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const registry = new FunctionRegistry(slowAnswers as Pool, quietLogger);

    const before = registry.refresh(); // reads an empty table
    await until("the first load's read to have run", async () => reads > 0 || undefined);
    await syncFunctions(pool, server.serveUrl);
    const after = registry.refresh();
    release();
    await Promise.all([before, after]);
    expect(registry.peek("registry-app-hello")).toBeDefined();
  });
});
