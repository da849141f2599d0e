import type { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { sqlPool } from "@/lib/db/client";
import { fireTimers } from "@/lib/runtime/process-other";
import { hashStepId } from "@/lib/runtime/sdk-call";
import { ended, runsOf, until } from "./harness";
import { harnessPerFile } from "./harness-per-file";

/**
 * Sleeps that end together (the naps of one batch of calls commit together) end in shared statements
 * (process-other.ts fireTimer -> fireTimers, ./group-commit.ts): each run still resumes once, its sleep
 * memoized and on its stack; in one statement, an item whose lease is lost or whose run was cancelled
 * is answered alone and changes nothing.
 */
function build(inngest: Inngest) {
  const napper = inngest.createFunction({ id: "napper", triggers: [{ event: "test/nap.started" }] }, async ({ event, step }) => {
    const n = await step.run("before", () => Number(event.data.n));
    await step.sleep("nap", event.data.long ? "1h" : "1s");
    return step.run("after", () => n + 1);
  });
  return [napper];
}

const harness = harnessPerFile(build);
const nap = hashStepId("nap");

describe("sleep ends", () => {
  it("twelve sleeps due together each resume once, their sleep memoized and on the stack", async () => {
    await harness().client.send(Array.from({ length: 12 }, (_, n) => ({ name: "test/nap.started", data: { n } })));
    const runs = await ended(harness().db, "test-app-napper", 12, 30_000);
    for (const run of runs) {
      expect(run.status).toBe("COMPLETED");
      expect(run.output).toBe(Number(run.event.data.n) + 1);
      const [row] = await harness().db.$queryRawUnsafe<{ stack: string[]; version: number }[]>(`SELECT stack, version FROM runtime_runs WHERE id = $1`, run.id);
      expect(row!.stack).toEqual(["before", "nap", "after"].map(hashStepId));
      expect(row!.version).toBe(3);
    }
  });

  it("in one statement: the sleep whose item is ours ends, a lost lease and a cancelled run are refused alone", async () => {
    await harness().client.send(Array.from({ length: 3 }, (_, n) => ({ name: "test/nap.started", data: { n: 100 + n, long: true } })));
    // Three runs asleep for an hour: their timer items wait in the queue, leased by nobody.
    const runs = await until("three runs asleep", async () => {
      const asleep = (await runsOf(harness().db, "test-app-napper")).filter((r) => r.status === "RUNNING" && Number(r.event.data.n) >= 100);
      if (asleep.length < 3) return undefined;
      const timers = await harness().db.$queryRawUnsafe<{ id: string; runId: string }[]>(
        `SELECT id, "runId" FROM runtime_queue WHERE kind = 'TIMER' AND "stepId" = $1 AND "runId" = ANY($2::text[])`,
        nap,
        asleep.map((r) => r.id),
      );
      return timers.length === 3 ? asleep.map((r) => ({ run: r, item: timers.find((t) => t.runId === r.id)!.id })) : undefined;
    });
    const [mine, taken, cancelled] = runs;
    // This test's "worker" holds the first two items' leases; another holds the second's by now, and the third run was cancelled.
    await harness().db.$executeRawUnsafe(`UPDATE runtime_queue SET "leaseOwner" = 'w-test', "leasedUntil" = now() + interval '1 hour' WHERE id = ANY($1::text[])`, [mine!.item, cancelled!.item]);
    await harness().db.$executeRawUnsafe(`UPDATE runtime_queue SET "leaseOwner" = 'w-other', "leasedUntil" = now() + interval '1 hour' WHERE id = $1`, taken!.item);
    await harness().db.$executeRawUnsafe(`UPDATE runtime_runs SET status = 'CANCELLED' WHERE id = $1`, cancelled!.run.id);
    const versions = async () =>
      new Map(
        (await harness().db.$queryRawUnsafe<{ id: string; version: number }[]>(`SELECT id, version FROM runtime_runs WHERE id = ANY($1::text[])`, runs.map((r) => r.run.id))).map(
          (r) => [r.id, r.version],
        ),
      );
    const before = await versions();

    const answers = await fireTimers(
      sqlPool(),
      runs.map((r) => ({ runId: r.run.id, itemId: r.item, owner: "w-test", hashedId: nap })),
    );

    expect(answers).toEqual([
      { leased: true, version: before.get(mine!.run.id)! + 1 },
      { leased: false, version: null },
      { leased: true, version: null },
    ]);
    const after = await versions();
    expect(after.get(taken!.run.id)).toBe(before.get(taken!.run.id));
    expect(after.get(cancelled!.run.id)).toBe(before.get(cancelled!.run.id));
    const steps = await harness().db.$queryRawUnsafe<{ runId: string; status: string }[]>(
      `SELECT "runId", status FROM runtime_steps WHERE "hashedId" = $1 AND "runId" = ANY($2::text[])`,
      nap,
      runs.map((r) => r.run.id),
    );
    expect(Object.fromEntries(steps.map((s) => [s.runId, s.status]))).toEqual({
      [mine!.run.id]: "COMPLETED",
      [taken!.run.id]: "WAITING",
      [cancelled!.run.id]: "WAITING",
    });
    // The ended sleep's item is now the run's discovery call, still ours; the others are as they were.
    const items = await harness().db.$queryRawUnsafe<{ id: string; kind: string; leaseOwner: string | null }[]>(
      `SELECT id, kind, "leaseOwner" FROM runtime_queue WHERE id = ANY($1::text[])`,
      runs.map((r) => r.item),
    );
    expect(Object.fromEntries(items.map((i) => [i.id, `${i.kind}/${i.leaseOwner}`]))).toEqual({
      [mine!.item]: "CALL/w-test",
      [taken!.item]: "TIMER/w-other",
      [cancelled!.item]: "TIMER/w-test",
    });
    const [stack] = await harness().db.$queryRawUnsafe<{ stack: string[] }[]>(`SELECT stack FROM runtime_runs WHERE id = $1`, mine!.run.id);
    expect(stack!.stack.at(-1)).toBe(nap);

    // Leave nothing for the executor: end the three runs.
    await harness().db.$executeRawUnsafe(`DELETE FROM runtime_queue WHERE id = ANY($1::text[])`, runs.map((r) => r.item));
    await harness().db.$executeRawUnsafe(`UPDATE runtime_runs SET status = 'CANCELLED' WHERE id = ANY($1::text[])`, runs.map((r) => r.run.id));
  });
});
