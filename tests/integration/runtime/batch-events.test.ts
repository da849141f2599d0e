import { InngestTestEngine } from "@inngest/test";
import type { Inngest, InngestFunction } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rerunRun } from "@/lib/runtime/admin";
import type { EventPayload } from "@/lib/runtime/events";
import { Executor } from "@/lib/runtime/executor";
import { getRun } from "@/lib/workflows/queries";
import { ended, FAST, idle, quietLogger, runsOf, startHarness, until, type Harness } from "./harness";

/**
 * batchEvents (issue 19) as Inngest documents it, through the real serve() handler, with two
 * executors on one database (as a web process and `npm run worker`): the function receives the
 * whole batch as `events` (`event` = the first); a batch starts at once when it holds maxSize
 * events, else `timeout` after its first event; each key value has its own batch; `if` false runs
 * the event alone. Every event ends up in exactly one batch run.
 */
type Out = { first: number; all: number[]; counted: number };
let full: InngestFunction.Any;
type Ev = { data: Record<string, unknown> };
/** What the function received: the first event (`event`), the whole batch (`events`), counted inside a step. */
const summary = (event: Ev, events: Ev[], counted: number): Out => ({ first: event.data.n as number, all: events.map((e) => e.data.n as number), counted });

function build(inngest: Inngest): InngestFunction.Any[] {
  // A long timeout: its batch can only start by filling up (a loaded machine may take seconds to process 3 events).
  full = inngest.createFunction(
    { id: "full", triggers: [{ event: "test/item.added" }], batchEvents: { maxSize: 3, timeout: "60s" } },
    async ({ event, events, step }) => summary(event, events, await step.run("count", () => events.length)),
  );
  const collect = inngest.createFunction(
    { id: "collect", triggers: [{ event: "test/item.collected" }], batchEvents: { maxSize: 10, timeout: "2s" } },
    async ({ event, events, step }) => summary(event, events, await step.run("count", () => events.length)),
  );
  const keyed = inngest.createFunction(
    {
      id: "keyed",
      triggers: [{ event: "test/keyed.added" }],
      batchEvents: { maxSize: 2, timeout: "5s", key: "event.data.account", if: "event.data.urgent != true" },
    },
    async ({ event, events, step }) => summary(event, events, await step.run("count", () => events.length)),
  );
  const busy = inngest.createFunction(
    { id: "busy", triggers: [{ event: "test/busy.added" }], batchEvents: { maxSize: 7, timeout: "1s", key: "event.data.k" } },
    async ({ event, events, step }) => summary(event, events, await step.run("count", () => events.length)),
  );
  return [full, collect, keyed, busy];
}

let h: Harness;
let second: Executor;

beforeAll(async () => {
  h = await startHarness(build, { executor: { concurrency: 4 } });
  second = new Executor({ databaseUrl: h.database.url, serveUrl: h.server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST, concurrency: 4 });
  await second.start();
});
afterAll(async () => {
  await second?.stop(2_000);
  await h?.stop();
});

const outputs = async (fnId: string) => (await runsOf(h.db, fnId)).filter((r) => r.status === "COMPLETED").map((r) => r.output as Out);

describe("batchEvents", () => {
  it("maxSize reached: one run at once, with exactly those events in order (events[0] = event)", async () => {
    const sentAt = Date.now();
    await h.client.send([1, 2, 3].map((n) => ({ name: "test/item.added", data: { n, organizationId: "org_batch" } })));
    const [run] = await ended(h.db, "test-app-full", 1, 30_000);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toEqual({ first: 1, all: [1, 2, 3], counted: 3 });
    // Started when full, long before its 60 s timeout.
    expect(run!.createdAt.getTime() - sentAt).toBeLessThan(30_000);
    const stored = await h.db.runtimeRun.findUniqueOrThrow({ where: { id: run!.id }, select: { events: true } });
    expect((stored.events as { data: { n: number } }[]).map((e) => e.data.n)).toEqual([1, 2, 3]);
    // The Runs page shows the whole batch; the run belongs to the organisation all its events share.
    const detail = await getRun({ organizationId: "org_batch", runId: run!.id });
    expect((detail.events as { data: { n: number } }[]).map((e) => e.data.n)).toEqual([1, 2, 3]);
    // Each event lists the run; nothing is left open.
    const events = await h.db.runtimeEvent.findMany({ where: { name: "test/item.added" } });
    expect(events.map((e) => e.runIds)).toEqual([[run!.id], [run!.id], [run!.id]]);
    expect(await h.db.runtimeBatch.count({ where: { functionId: "test-app-full" } })).toBe(0);
    expect(await h.db.runtimeQueueItem.count({ where: { kind: "BATCH" } })).toBe(0);
  });

  it("a re-run of a batch run gets the whole batch again", async () => {
    const [run] = await runsOf(h.db, "test-app-full");
    const stored = await h.db.runtimeRun.findUniqueOrThrow({ where: { id: run!.id } });
    const again = await rerunRun(h.executor.pool, {
      id: stored.id,
      functionId: stored.functionId,
      event: stored.event as unknown as EventPayload,
      events: stored.events as unknown as EventPayload[],
      eventId: stored.eventId,
      organizationId: stored.organizationId,
    });
    expect("runId" in again).toBe(true);
    const runs = await ended(h.db, "test-app-full", 2, 20_000);
    expect(runs.find((r) => r.id !== run!.id)?.output).toEqual({ first: 1, all: [1, 2, 3], counted: 3 });
  });

  it("timeout with fewer events: one run with them ~timeout after the batch opened", async () => {
    await h.client.send([
      { name: "test/item.collected", data: { n: 4, organizationId: "org_batch" } },
      { name: "test/item.collected", data: { n: 5 } },
    ]);
    const [run] = await ended(h.db, "test-app-collect", 1, 20_000);
    expect(run!.output).toEqual({ first: 4, all: [4, 5], counted: 2 });
    const first = await h.db.runtimeEvent.findFirstOrThrow({ where: { name: "test/item.collected", data: { path: ["n"], equals: 4 } } });
    const waited = run!.createdAt.getTime() - first.receivedAt.getTime();
    console.log(`batch timeout 2 s: run created ${waited} ms after the first event was received`);
    expect(waited).toBeGreaterThanOrEqual(1_950);
    // The batch opens when its first event is processed (later than received on a loaded machine).
    expect(waited).toBeLessThan(6_000);
    expect(await h.db.runtimeQueueItem.count({ where: { kind: "BATCH" } })).toBe(0);
    // Events of two organisations (4: org_batch, 5: none) make a run of no organisation.
    expect(run!.organizationId).toBeNull();
  });

  it("each key value has its own batch; an event failing `if` runs alone at once", async () => {
    await h.client.send([
      { name: "test/keyed.added", data: { n: 1, account: "a" } },
      { name: "test/keyed.added", data: { n: 2, account: "b" } },
      { name: "test/keyed.added", data: { n: 3, account: "a" } },
      { name: "test/keyed.added", data: { n: 4, account: "a", urgent: true } },
    ]);
    await ended(h.db, "test-app-keyed", 3, 20_000);
    const byFirst = Object.fromEntries((await outputs("test-app-keyed")).map((o) => [o.first, o.all]));
    expect(byFirst).toEqual({ 1: [1, 3], 2: [2], 4: [4] });
  });

  it("two executors appending at once: every event in exactly one batch run, none lost", async () => {
    const total = 90;
    // Several sends, so events are stored (and claimed) while earlier ones are being appended.
    for (let s = 0; s < 3; s++) {
      await h.client.send(Array.from({ length: total / 3 }, (_, i) => ({ name: "test/busy.added", data: { n: s * (total / 3) + i, k: `k${i % 3}` } })));
    }
    await until(
      "every event in a completed run",
      async () => {
        const outs = await outputs("test-app-busy");
        return outs.reduce((sum, o) => sum + o.all.length, 0) >= total ? true : undefined;
      },
      30_000,
    );
    await idle(h.db);
    const runs = await runsOf(h.db, "test-app-busy");
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    const all = runs.flatMap((r) => (r.output as Out).all);
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    for (const r of runs) {
      const o = r.output as Out;
      expect(o.all.length).toBeLessThanOrEqual(7);
      expect(o.counted).toBe(o.all.length);
      // One key per batch, and in arrival order.
      expect(new Set(o.all.map((n) => n % 3)).size).toBe(1);
      expect([...o.all].sort((a, b) => a - b)).toEqual(o.all);
    }
    // Each event is listed by exactly one run.
    const events = await h.db.runtimeEvent.findMany({ where: { name: "test/busy.added" }, select: { runIds: true } });
    expect(events.every((e) => e.runIds.length === 1)).toBe(true);
    expect(await h.db.runtimeBatch.count()).toBe(0);
  }, 60_000);

  it("@inngest/test runs the same function with a batch of events", async () => {
    const { result } = await new InngestTestEngine({
      function: full,
      events: [
        { name: "test/item.added", data: { n: 7 } },
        { name: "test/item.added", data: { n: 8 } },
        { name: "test/item.added", data: { n: 9 } },
      ],
    }).execute();
    expect(result).toEqual({ first: 7, all: [7, 8, 9], counted: 3 });
  });
});
