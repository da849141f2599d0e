import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "inngest/next";
import type { Inngest } from "inngest";
import { idle, runsOf, startHarness, type Harness } from "./harness";

/** In-band sync: stored functions, clear errors for unsupported expressions, warnings, removals. */
let h: Harness;
let client: Inngest;

function build(inngest: Inngest) {
  client = inngest;
  return [
    inngest.createFunction(
      {
        id: "good",
        triggers: [{ event: "test/good.happened" }],
        priority: { run: "0" },
        batchEvents: { maxSize: 10, timeout: "5s" },
        idempotency: "event.data.id",
        singleton: { mode: "skip" },
      },
      async () => "ok",
    ),
    inngest.createFunction({ id: "bad-batch", triggers: [{ event: "test/bad.happened" }], batchEvents: { maxSize: 10, timeout: "0.5s" } }, async () => "never"),
    inngest.createFunction({ id: "bad-if", triggers: [{ event: "test/bad.happened", if: "event.data.tags.exists(t, t == 'vip')" }] }, async () => "never"),
    inngest.createFunction({ id: "bad-cron", triggers: [{ cron: "TZ=Nowhere/Atlantis 0 9 * * *" }] }, async () => "never"),
  ];
}

beforeAll(async () => {
  h = await startHarness(build);
});
afterAll(async () => {
  await h?.stop();
});

describe("function sync", () => {
  it("stores valid functions with warnings and reports the others with a clear error", async () => {
    const result = await h.executor.syncNow();
    const byId = Object.fromEntries(result.functions.map((f) => [f.id, f]));
    expect(byId["test-app-good"]!.error).toBeUndefined();
    // batchEvents, priority and singleton are supported; idempotency is per event, so not applied to a batched function.
    expect(byId["test-app-good"]!.warnings).toEqual(["idempotency is not applied to the events of a batched function (batchEvents): each batch starts one run"]);
    expect(byId["test-app-bad-batch"]!.error).toBe('batchEvents.timeout must be at least 1s (got "0.5s")');
    expect(byId["test-app-bad-if"]!.error).toBe("Unsupported syntax: the exists() macro at column 17 in expression `event.data.tags.exists(t, t == 'vip')`");
    expect(byId["test-app-bad-cron"]!.error).toMatch(/unknown time zone "Nowhere\/Atlantis"/);
    const stored = await h.db.runtimeFunction.findMany({ select: { id: true, warnings: true } });
    expect(stored.map((f) => f.id)).toEqual(["test-app-good"]);
    expect(stored[0]!.warnings).toHaveLength(1);
  });

  it("marks functions that disappeared from the app as removed: their events start nothing", async () => {
    h.server.setHandlers(serve({ client, functions: [] }) as never);
    await h.executor.syncNow();
    expect((await h.db.runtimeFunction.findFirst({ where: { id: "test-app-good" } }))?.removedAt).toBeInstanceOf(Date);
    await h.client.send({ name: "test/good.happened", data: {} });
    await idle(h.db);
    expect(await runsOf(h.db, "test-app-good")).toHaveLength(0);
    expect(await h.db.runtimeEvent.count({ where: { name: "test/good.happened", processedAt: { not: null } } })).toBe(1);
  });
});
