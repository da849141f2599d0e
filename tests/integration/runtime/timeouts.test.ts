import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import type { Inngest, InngestFunction } from "inngest";
import { harnessPerFile } from "./harness-per-file";
import { ended, runsOf, stepsOf } from "./harness";

/**
 * timeouts (issue 19), as Inngest documents them, through the real serve():
 * - timeouts.start: a run still waiting in the queue (here behind a concurrency limit of 1, 8 s) when the 5 s
 *   start timeout passes is cancelled instead of started;
 * - timeouts.finish: a started run that has not finished in time is cancelled, even in a sleep.
 */
let queuedFn: InngestFunction.Any;
let slowFn: InngestFunction.Any;

function build(inngest: Inngest) {
  const queued = inngest.createFunction(
    { id: "queued", triggers: [{ event: "test/queued.started" }], concurrency: { limit: 1 }, timeouts: { start: "5s" } },
    async ({ event, step }) => {
      await step.run("work", () => new Promise((r) => setTimeout(() => r(event.data.n), 8_000)));
      return event.data.n;
    },
  );
  const slow = inngest.createFunction({ id: "slow", triggers: [{ event: "test/slow.started" }], timeouts: { finish: "1s" } }, async ({ step }) => {
    await step.run("first", () => "ok");
    await step.sleep("long-nap", "1h");
    return "too late";
  });
  queuedFn = queued;
  slowFn = slow;
  return [queued, slow];
}

const harness = harnessPerFile(build);

describe("timeouts", () => {
  it("timeouts.start: a run that waited too long in the queue is cancelled, not started", async () => {
    await harness().client.send([
      { name: "test/queued.started", data: { n: 1 } },
      { name: "test/queued.started", data: { n: 2 } },
    ]);
    const runs = await ended(harness().db, "test-app-queued", 2, 60_000);
    const statuses = runs.map((r) => r.status).sort();
    expect(statuses).toEqual(["CANCELLED", "COMPLETED"]);
    const cancelled = runs.find((r) => r.status === "CANCELLED")!;
    expect(cancelled.cancelReason).toMatch(/timeouts\.start/);
    // It never ran: no step of it exists.
    expect(await stepsOf(harness().db, cancelled.id)).toEqual([]);
  });

  it("timeouts.finish: a run still running (here asleep) when the finish timeout passes is cancelled", async () => {
    await harness().client.send({ name: "test/slow.started", data: {} });
    const [run] = await ended(harness().db, "test-app-slow", 1, 30_000);
    expect(run!.status).toBe("CANCELLED");
    expect(run!.cancelReason).toMatch(/timeouts\.finish/);
    expect((await stepsOf(harness().db, run!.id)).find((s) => s.stepId === "first")?.status).toBe("COMPLETED");
    expect((await runsOf(harness().db, "test-app-slow")).length).toBe(1);
  });

  it("@inngest/test runs the same functions (the timeouts themselves are the executor's: its engine runs one execution)", async () => {
    const queued = await new InngestTestEngine({ function: queuedFn, events: [{ name: "test/queued.started", data: { n: 7 } }] }).execute({
      steps: [{ id: "work", handler: () => 7 }],
    });
    expect(queued.result).toBe(7);
    const slow = await new InngestTestEngine({ function: slowFn, events: [{ name: "test/slow.started", data: {} }] }).executeStep("first");
    expect(slow.result).toBe("ok");
  });
});
