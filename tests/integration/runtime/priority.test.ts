import { InngestTestEngine } from "@inngest/test";
import type { Inngest, InngestFunction } from "inngest";
import { describe, expect, it } from "vitest";
import { priorityFactorS } from "@/lib/runtime/functions";
import { ended } from "./harness";
import { harnessPerFile } from "./harness-per-file";

/**
 * priority.run as Inngest documents it: an expression on the event giving a factor in seconds
 * (-600..600); a positive factor starts the run ahead of runs enqueued up to that many seconds
 * earlier, a negative one delays it by that many seconds. One executor slot, so runs start one at
 * a time in queue order; the old executor ignored the option (arrival order).
 */
let fn: InngestFunction.Any;

function build(inngest: Inngest): InngestFunction.Any[] {
  fn = inngest.createFunction(
    { id: "prioritised", triggers: [{ event: "test/priority.requested" }], priority: { run: "event.data.tier == 'enterprise' ? 120 : event.data.factor" } },
    async ({ event, step }) => step.run("work", () => `${event.data.name} done`),
  );
  return [fn];
}

const h = harnessPerFile(build, { executor: { concurrency: 1 } });

describe("priority.run", () => {
  it("a run with a positive factor starts ahead of runs enqueued before it", async () => {
    await h().client.send([
      { name: "test/priority.requested", data: { name: "free-1", tier: "free", factor: 0 } },
      { name: "test/priority.requested", data: { name: "free-2", tier: "free", factor: 0 } },
      { name: "test/priority.requested", data: { name: "enterprise", tier: "enterprise", factor: 0 } },
    ]);
    const runs = await ended(h().db, "test-app-prioritised", 3, 30_000);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    const order = [...runs].sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime()).map((r) => r.event.data.name);
    expect(order).toEqual(["enterprise", "free-1", "free-2"]);
  });

  it("a negative factor delays the run's start by that many seconds; out-of-range factors are clamped", async () => {
    const { db } = h();
    const before = await db.runtimeRun.count();
    await h().client.send({ name: "test/priority.requested", data: { name: "later", tier: "free", factor: -1 } });
    const [run] = (await ended(db, "test-app-prioritised", before + 1, 30_000)).filter((r) => r.event.data.name === "later");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.startedAt!.getTime() - run!.createdAt.getTime()).toBeGreaterThanOrEqual(1_000);

    const def = h().executor.registry;
    const stored = await def.get("test-app-prioritised");
    expect(priorityFactorS(stored!, { data: { tier: "free", factor: 100_000 } })).toBe(600);
    expect(priorityFactorS(stored!, { data: { tier: "free", factor: -100_000 } })).toBe(-600);
    expect(priorityFactorS(stored!, { data: { tier: "free", factor: "not a number" } })).toBe(0);
  });

  it("@inngest/test runs the same function", async () => {
    const { result } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "test/priority.requested", data: { name: "solo", tier: "free", factor: 0 } }],
    }).execute();
    expect(result).toBe("solo done");
  });
});
