import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventType, type Inngest } from "inngest";
import { z } from "zod";
import { advanceClock } from "@/lib/runtime/clock";
import { ended, runsOf, startHarness, stepsOf, until, type Harness } from "./harness";

/**
 * The call loop over HTTP with the real serve() handler: sequential and parallel steps,
 * sleep / sleepUntil, waitForEvent (match and timeout), invoke, and sendEvent fan-out.
 */
const orderCreated = eventType("shop/order.created", { schema: z.object({ orderId: z.string(), organizationId: z.string().optional() }) });
const orderPaid = eventType("shop/order.paid", { schema: z.object({ orderId: z.string() }) });

let h: Harness;
const calls: string[] = [];
const spans: Record<string, { start: number; end: number }> = {};
const started = new Set<string>();
/** How many times each step body of the "joined" runs ran, by "<n>:<step>". */
const bodies: Record<string, number> = {};
/** How many times each parallel step's body ran: no crash here, so exactly once each. */
const runsOfStep: Record<string, number> = {};

function build(inngest: Inngest) {
  const sequential = inngest.createFunction({ id: "sequential", triggers: [{ event: "test/seq.started" }] }, async ({ event, step }) => {
    const a = await step.run("a", () => {
      calls.push("a");
      return (event.data as { n: number }).n + 1;
    });
    const b = await step.run("b", () => {
      calls.push("b");
      return a * 10;
    });
    return { a, b };
  });

  const parallel = inngest.createFunction({ id: "parallel", triggers: [{ event: "test/par.started" }] }, async ({ step }) => {
    const [x, y, z2] = await Promise.all([
      step.run("x", async () => {
        runsOfStep.x = (runsOfStep.x ?? 0) + 1;
        const start = Date.now();
        started.add("x");
        // Wait (up to 10 s) for the other step to start: run one after the other, it never would.
        while (!started.has("y") && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 20));
        spans.x = { start, end: Date.now() };
        return { x: 1 };
      }),
      step.run("y", async () => {
        runsOfStep.y = (runsOfStep.y ?? 0) + 1;
        const start = Date.now();
        started.add("y");
        // Wait (up to 10 s) for the other step to start: run one after the other, it never would.
        while (!started.has("x") && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 20));
        spans.y = { start, end: Date.now() };
        return { y: 2 };
      }),
      step.run("z", () => {
        runsOfStep.z = (runsOfStep.z ?? 0) + 1;
        return 3;
      }),
    ]);
    const after = await step.run("after", () => {
      runsOfStep.after = (runsOfStep.after ?? 0) + 1;
      return "done";
    });
    return { x: x.x, y: y.y, z: z2, after };
  });

  const sleeper = inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep.started" }] }, async ({ step }) => {
    await step.sleep("nap", "1h");
    await step.sleepUntil("until-past", new Date("2020-01-01T00:00:00Z"));
    return step.run("woke", () => "awake");
  });

  const waiter = inngest.createFunction({ id: "waiter", triggers: [orderCreated] }, async ({ event, step }) => {
    const paid = await step.waitForEvent("wait-paid", { event: orderPaid, timeout: "2h", if: "event.data.orderId == async.data.orderId" });
    return { paid: paid ? paid.data.orderId : null, orderId: event.data.orderId };
  });

  const child = inngest.createFunction({ id: "child", triggers: [{ event: "test/child.direct" }] }, async ({ event, step }) => {
    const v = await step.run("double", () => (event.data as { v: number }).v * 2);
    if (v > 100) throw new Error("too big");
    return { doubled: v };
  });

  const parent = inngest.createFunction({ id: "parent", triggers: [{ event: "test/parent.started" }] }, async ({ event, step }) => {
    const ok = await step.invoke("call-child", { function: child, data: { v: (event.data as { v: number }).v } });
    let failed: string | null = null;
    try {
      await step.invoke("call-child-big", { function: child, data: { v: 1000 } });
    } catch (err) {
      failed = (err as Error).message;
    }
    return { ok, failed };
  });

  const fanOut = inngest.createFunction({ id: "fan-out", triggers: [{ event: "test/fan.started" }] }, async ({ step }) => {
    const ids = await step.sendEvent(
      "fan",
      [1, 2, 3].map((i) => ({ name: "test/fan.item", data: { i, organizationId: "org_fan" } })),
    );
    return ids;
  });
  const fanItem = inngest.createFunction({ id: "fan-item", triggers: [{ event: "test/fan.*" }] }, async ({ event, step }) => {
    return step.run("handle", () => (event.data as { i?: number }).i ?? null);
  });
  const filtered = inngest.createFunction({ id: "filtered", triggers: [{ event: "test/fan.item", if: "event.data.i >= 2" }] }, async ({ event }) => {
    return (event.data as { i: number }).i;
  });

  // Parallel steps that end together, then one more step: every item of the run discovers "then".
  const joined = inngest.createFunction({ id: "joined", triggers: [{ event: "test/joined.started" }] }, async ({ event, step }) => {
    const n = (event.data as { n: number }).n;
    const body = (name: string) => () => {
      bodies[`${n}:${name}`] = (bodies[`${n}:${name}`] ?? 0) + 1;
      return name;
    };
    await Promise.all([step.run("p", body("p")), step.run("q", body("q")), step.run("r", body("r"))]);
    return step.run("then", body("then"));
  });

  return [sequential, parallel, sleeper, waiter, child, parent, fanOut, fanItem, filtered, joined];
}

beforeAll(async () => {
  h = await startHarness(build);
});
afterAll(async () => {
  await h?.stop();
});

describe("embedded executor: steps", () => {
  it("syncs every function in band", async () => {
    const fns = await h.db.runtimeFunction.findMany({ orderBy: { id: "asc" } });
    expect(fns.map((f) => f.id)).toEqual([
      "test-app-child",
      "test-app-fan-item",
      "test-app-fan-out",
      "test-app-filtered",
      "test-app-joined",
      "test-app-parallel",
      "test-app-parent",
      "test-app-sequential",
      "test-app-sleeper",
      "test-app-waiter",
    ]);
  });

  it("runs sequential steps, memoizing each once", async () => {
    calls.length = 0;
    await h.client.send({ name: "test/seq.started", data: { n: 1 } });
    const [run] = await ended(h.db, "test-app-sequential");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toEqual({ a: 2, b: 20 });
    expect(calls).toEqual(["a", "b"]);
    const steps = await stepsOf(h.db, run!.id);
    expect(steps.map((s) => [s.stepId, s.status, s.output])).toEqual([
      ["a", "COMPLETED", 2],
      ["b", "COMPLETED", 20],
    ]);
  });

  it("runs parallel steps concurrently, each in its own call", async () => {
    await h.client.send({ name: "test/par.started", data: {} });
    const [run] = await ended(h.db, "test-app-parallel");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toEqual({ x: 1, y: 2, z: 3, after: "done" });
    expect(runsOfStep).toEqual({ x: 1, y: 1, z: 1, after: 1 });
    // x and y ran at the same time (each in its own call), not one after the other.
    expect(spans.x!.start < spans.y!.end && spans.y!.start < spans.x!.end).toBe(true);
    const steps = await stepsOf(h.db, run!.id);
    expect(steps.map((s) => s.stepId).sort()).toEqual(["after", "x", "y", "z"]);
    const [r] = await h.db.$queryRawUnsafe<{ parallel: boolean }[]>(`SELECT parallel FROM runtime_runs WHERE id = $1`, run!.id);
    expect(r!.parallel).toBe(true);
  });

  it("runs the step after parallel steps once, however many of their calls discover it together", async () => {
    const runs = 30;
    await h.client.send(Array.from({ length: runs }, (_, n) => ({ name: "test/joined.started", data: { n } })));
    const done = await ended(h.db, "test-app-joined", runs, 30_000);
    expect(done.every((r) => r.status === "COMPLETED" && r.output === "then")).toBe(true);
    // No crash here: each body ran exactly once. Before the fix, the calls of p, q and r each
    // found "then" planned and, not seeing its call, each ran it.
    expect(Object.entries(bodies).filter(([, c]) => c !== 1)).toEqual([]);
    expect(Object.keys(bodies)).toHaveLength(runs * 4);
  });

  it("sleeps until the (moved) clock reaches the wake time; sleepUntil in the past continues at once", async () => {
    await h.client.send({ name: "test/sleep.started", data: {} });
    const run = await until("the sleep timer", async () => {
      const [r] = await runsOf(h.db, "test-app-sleeper");
      if (!r) return undefined;
      const timers = await h.db.runtimeQueueItem.count({ where: { runId: r.id, kind: "TIMER" } });
      return timers === 1 ? r : undefined;
    });
    expect(run.status).toBe("RUNNING");
    advanceClock(60 * 60 * 1000 + 1000);
    const [done] = await ended(h.db, "test-app-sleeper");
    expect(done!.output).toBe("awake");
    const steps = await stepsOf(h.db, done!.id);
    expect(steps.map((s) => [s.stepId, s.op, s.status])).toEqual([
      ["nap", "Sleep", "COMPLETED"],
      ["until-past", "Sleep", "COMPLETED"],
      ["woke", "Run", "COMPLETED"],
    ]);
  });

  it("waitForEvent resumes on a matching event only", async () => {
    await h.client.send([
      { name: "shop/order.created", data: { orderId: "o-1", organizationId: "org_a" } },
      { name: "shop/order.created", data: { orderId: "o-2", organizationId: "org_a" } },
    ]);
    await until("two waits", async () => ((await h.db.runtimeWait.count({ where: { kind: "EVENT" } })) === 2 ? true : undefined));
    await h.client.send({ name: "shop/order.paid", data: { orderId: "o-2" } });
    const [run] = await ended(h.db, "test-app-waiter");
    expect(run!.output).toEqual({ paid: "o-2", orderId: "o-2" });
    expect(run!.organizationId).toBe("org_a");
    const runs = await runsOf(h.db, "test-app-waiter");
    expect(runs.filter((r) => r.status === "RUNNING")).toHaveLength(1);
  });

  it("waitForEvent returns null after its timeout", async () => {
    advanceClock(2 * 60 * 60 * 1000 + 1000);
    const runs = await ended(h.db, "test-app-waiter", 2);
    const timedOut = runs.find((r) => (r.output as { orderId: string }).orderId === "o-1");
    expect(timedOut!.output).toEqual({ paid: null, orderId: "o-1" });
    expect(await h.db.runtimeWait.count()).toBe(0);
  });

  it("invokes another function and gets its result or its error", async () => {
    await h.client.send({ name: "test/parent.started", data: { v: 21 } });
    const [run] = await ended(h.db, "test-app-parent", 1, 30_000);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toEqual({ ok: { doubled: 42 }, failed: "too big" });
    const children = await runsOf(h.db, "test-app-child");
    expect(children.map((c) => c.event.name)).toEqual(["inngest/function.invoked", "inngest/function.invoked"]);
  }, 40_000);

  it("fans out with step.sendEvent: one event starts every matching function (wildcards, if)", async () => {
    await h.client.send({ name: "test/fan.started", data: {} });
    const [run] = await ended(h.db, "test-app-fan-out");
    expect((run!.output as { ids: string[] }).ids).toHaveLength(3);
    // fan-item matches test/fan.* : the 3 items and the starting event itself.
    const items = await ended(h.db, "test-app-fan-item", 4);
    expect(items.map((r) => r.output).sort()).toEqual([1, 2, 3, null]);
    const filtered = await ended(h.db, "test-app-filtered", 2);
    expect(filtered.map((r) => r.output).sort()).toEqual([2, 3]);
    expect(items.filter((r) => r.event.name === "test/fan.item").every((r) => r.organizationId === "org_fan")).toBe(true);
  });
});
