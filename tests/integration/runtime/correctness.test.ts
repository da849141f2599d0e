import { describe, expect, it } from "vitest";
import { NonRetriableError, type Inngest } from "inngest";
import { advanceClock } from "@/lib/runtime/clock";
import { Executor } from "@/lib/runtime/executor";
import { harnessPerFile } from "./harness-per-file";
import { ended, FAST, quietLogger, runsOf, until } from "./harness";

/**
 * Issue 19's correctness items, through the real serve():
 * - a waitForEvent matches events by their arrival time: an event that arrived before the timeout
 *   resolves the wait even when a backlog delays its processing past the timeout;
 * - onFailure handlers are recognised by the SDK's metadata (the "<id>-failure" function the SDK
 *   generates next to "<id>"), not by a name ending in "-failure".
 */

function build(inngest: Inngest) {
  const waiter = inngest.createFunction({ id: "waiter", triggers: [{ event: "test/order.created" }] }, async ({ event, step }) => {
    const paid = await step.waitForEvent("wait-paid", { event: "test/order.paid", timeout: "30s", if: "event.data.orderId == async.data.orderId" });
    return { orderId: event.data.orderId, paid: paid ? paid.data.amount : null };
  });
  const flaky = inngest.createFunction(
    {
      id: "flaky",
      triggers: [{ event: "test/flaky.started" }],
      retries: 0,
      onFailure: async () => {
        throw new NonRetriableError("the SDK's own failure handler fails too");
      },
    },
    async () => {
      throw new NonRetriableError("boom");
    },
  );
  // An ordinary function that happens to be named "...-failure": its failure is a failure like any other.
  const alerts = inngest.createFunction(
    { id: "alerts-failure", triggers: [{ event: "inngest/function.failed", if: "event.data.function_id == 'test-app-flaky'" }], retries: 0 },
    async () => {
      throw new NonRetriableError("alerting is down");
    },
  );
  const watcher = inngest.createFunction({ id: "watcher", triggers: [{ event: "inngest/function.failed" }] }, async ({ event }) => event.data.function_id);
  return [waiter, flaky, alerts, watcher];
}

const harness = harnessPerFile(build);

describe("onFailure is recognised by the SDK's metadata", () => {
  it("a function named '-failure' emits its own failure; the SDK's handler does not", async () => {
    await harness().client.send({ name: "test/flaky.started", data: {} });
    await ended(harness().db, "test-app-flaky-failure");
    const alerts = await ended(harness().db, "test-app-alerts-failure");
    expect(alerts[0]!.status).toBe("FAILED");
    const watched = await until("the watcher runs", async () => {
      const runs = (await runsOf(harness().db, "test-app-watcher")).filter((r) => r.status === "COMPLETED");
      return runs.length >= 2 ? runs : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    const failedIds = (await runsOf(harness().db, "test-app-watcher")).map((r) => r.output).sort();
    expect(watched.length).toBeGreaterThanOrEqual(2);
    // The original failure and the user function's failure; never the SDK's handler's own.
    expect(failedIds).toEqual(["test-app-alerts-failure", "test-app-flaky"]);
  });
});

// Last: it stops the harness's executor to build a backlog.
describe("waits match events by arrival time", () => {
  it("an event that arrived before the timeout resolves the wait, though it is processed after it", async () => {
    await harness().client.send({ name: "test/order.created", data: { orderId: "o-race" } });
    await until("the wait", async () => ((await harness().db.runtimeWait.count({ where: { kind: "EVENT" } })) > 0 ? true : undefined));
    // A backlog: nobody processes anything while the event arrives, 10 s before the timeout...
    await harness().executor.stop(2_000);
    advanceClock(20_000);
    await harness().client.send({ name: "test/order.paid", data: { orderId: "o-race", amount: 42 } });
    // ...and processing resumes only after the timeout: the event item and the timeout are both due.
    advanceClock(60_000);
    const late = new Executor({ databaseUrl: harness().database.url, serveUrl: harness().server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
    await late.start();
    try {
      const [run] = await ended(harness().db, "test-app-waiter");
      expect(run!.status).toBe("COMPLETED");
      expect(run!.output).toEqual({ orderId: "o-race", paid: 42 });
    } finally {
      await late.stop(2_000);
    }
  });
});
