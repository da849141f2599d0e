import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "inngest/next";
import type { Inngest } from "inngest";
import { applyCheckpoint, storeCheckpoints } from "@/lib/runtime/checkpoint";
import { hashStepId } from "@/lib/runtime/sdk-call";
import { sqlPool } from "@/lib/db/client";
import { ended, runsOf, startHarness, stepsOf, until, type Harness } from "./harness";

/**
 * Checkpointing as the inngest v4 SDK speaks it, through the real serve(): a run's consecutive
 * step.runs cost ONE call into serve(); each step is stored (checkpoint API, answered in-process by
 * the client's transport) before the function goes on; a refused checkpoint (run cancelled, lease
 * taken over) stops the SDK before the next step.
 */
let h: Harness;
let posts = 0;
const seen: Record<string, string[]> = {};
let release: (() => void) | undefined;

function build(inngest: Inngest) {
  const five = inngest.createFunction({ id: "five", triggers: [{ event: "test/five.started" }] }, async ({ event, step, runId }) => {
    let acc = Number(event.data.n);
    for (const id of ["s1", "s2", "s3", "s4", "s5"]) {
      acc = await step.run(id, async () => {
        // What is durable when this step starts: every previous step of the run.
        const rows = await sqlPool().query<{ stepId: string }>(
          `SELECT "stepId" FROM runtime_steps WHERE "runId" = $1 AND status = 'COMPLETED' ORDER BY "stepId"`,
          [runId],
        );
        seen[`${runId}:${id}`] = rows.rows.map((r) => r.stepId);
        return acc + 1;
      });
    }
    return acc;
  });
  let failures = 0;
  const flaky = inngest.createFunction({ id: "flaky", triggers: [{ event: "test/flaky.started" }], retries: 3 }, async ({ step }) => {
    const a = await step.run("a", () => 1);
    const b = await step.run("b", () => {
      if (failures++ === 0) throw new Error("once");
      return 2;
    });
    const c = await step.run("c", () => 3);
    return a + b + c;
  });
  const blocked = inngest.createFunction({ id: "blocked", triggers: [{ event: "test/blocked.started" }] }, async ({ step }) => {
    await step.run("first", () => new Promise<string>((r) => (release = () => r("ok"))));
    await step.run("second", () => {
      throw new Error("must not run: the run was cancelled while the first step ran");
    });
  });
  return [five, flaky, blocked];
}

beforeAll(async () => {
  h = await startHarness(build);
  const handlers = serve({ client: h.client, functions: build(h.client) }) as unknown as Parameters<Harness["server"]["setHandlers"]>[0];
  h.server.setHandlers({
    ...handlers,
    POST: (r: Request) => {
      posts++;
      return handlers.POST(r);
    },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe("checkpointing", () => {
  it("runs five consecutive steps in one call, each stored before the next starts", async () => {
    posts = 0;
    await h.client.send({ name: "test/five.started", data: { n: 10 } });
    const [run] = await ended(h.db, "test-app-five");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toBe(15);
    expect(posts).toBe(1);
    expect(seen[`${run!.id}:s1`]).toEqual([]);
    expect(seen[`${run!.id}:s3`]).toEqual(["s1", "s2"]);
    expect(seen[`${run!.id}:s5`]).toEqual(["s1", "s2", "s3", "s4"]);
    const steps = await stepsOf(h.db, run!.id);
    expect(steps.map((s) => [s.stepId, s.status, s.output])).toEqual([
      ["s1", "COMPLETED", 11],
      ["s2", "COMPLETED", 12],
      ["s3", "COMPLETED", 13],
      ["s4", "COMPLETED", 14],
      ["s5", "COMPLETED", 15],
    ]);
    const [row] = await h.db.$queryRawUnsafe<{ stack: string[] }[]>(`SELECT stack FROM runtime_runs WHERE id = $1`, run!.id);
    expect(row!.stack).toEqual(["s1", "s2", "s3", "s4", "s5"].map(hashStepId));
  });

  it("a step error leaves checkpointing for the retry of that step, then resumes it", async () => {
    posts = 0;
    await h.client.send({ name: "test/flaky.started", data: {} });
    const [run] = await ended(h.db, "test-app-flaky");
    expect(run!.output).toBe(6);
    // a + b (fails) in one call; b's retry; c and the return in one more.
    expect(posts).toBe(3);
    const steps = await stepsOf(h.db, run!.id);
    expect(steps.find((s) => s.stepId === "b")!.attempts).toBe(2);
  });

  it("stops the SDK when the run is cancelled during a step: the checkpoint is refused", async () => {
    await h.client.send({ name: "test/blocked.started", data: {} });
    await until("the first step to run", async () => release !== undefined);
    const [run] = await runsOf(h.db, "test-app-blocked");
    await h.db.$executeRawUnsafe(`UPDATE runtime_runs SET status = 'CANCELLED', "endedAt" = now() WHERE id = $1`, run!.id);
    release!();
    await new Promise((r) => setTimeout(r, 500));
    const steps = await stepsOf(h.db, run!.id);
    expect(steps.filter((s) => s.status === "COMPLETED")).toEqual([]);
  });

  it("refuses a checkpoint from a holder that lost the lease (409) and stores nothing", async () => {
    const [run] = await runsOf(h.db, "test-app-five");
    const answer = await applyCheckpoint(sqlPool(), run!.id, {
      run_id: run!.id,
      qi_id: "no-such-item|w-gone",
      steps: [{ id: hashStepId("late"), op: "StepRun", data: 1 }],
    });
    expect(answer.status).toBe(409);
    expect((await stepsOf(h.db, run!.id)).some((s) => s.stepId === "late")).toBe(false);
  });

  it("group commit: runs checkpointing at once share statements, each run's steps stored in order", async () => {
    posts = 0;
    await h.client.send(Array.from({ length: 12 }, (_, n) => ({ name: "test/five.started", data: { n: 100 + n } })));
    const runs = (await until("12 more runs of five", async () => {
      const done = (await runsOf(h.db, "test-app-five")).filter((r) => r.status === "COMPLETED" && Number(r.event.data.n) >= 100);
      return done.length === 12 ? done : undefined;
    }, 60_000))!;
    expect(posts).toBe(12);
    for (const run of runs) {
      expect(run.output).toBe(Number(run.event.data.n) + 5);
      const [row] = await h.db.$queryRawUnsafe<{ stack: string[]; version: number }[]>(`SELECT stack, version FROM runtime_runs WHERE id = $1`, run.id);
      expect(row!.stack).toEqual(["s1", "s2", "s3", "s4", "s5"].map(hashStepId));
      expect(row!.version).toBe(5);
    }
  });

  it("group commit: in one statement, a run whose lease is lost is refused alone", async () => {
    const [a, b] = (await runsOf(h.db, "test-app-five")).slice(-2);
    await h.db.$executeRawUnsafe(`UPDATE runtime_runs SET status = 'RUNNING' WHERE id = ANY($1::text[])`, [a!.id, b!.id]);
    await h.db.$executeRawUnsafe(
      `INSERT INTO runtime_queue (id, kind, "runId", "availableAt", "leaseOwner", "leasedUntil", "createdAt") VALUES ('qi-a', 'CALL', $1, now(), 'w-test', now() + interval '1 hour', now())`,
      a!.id,
    );
    try {
      const stored = await storeCheckpoints(sqlPool(), [
        { runId: a!.id, itemId: "qi-a", owner: "w-test", steps: [{ id: hashStepId("extra"), op: "StepRun", displayName: "extra", data: "a" }] },
        { runId: b!.id, itemId: "qi-b", owner: "w-test", steps: [{ id: hashStepId("extra"), op: "StepRun", displayName: "extra", data: "b" }] },
      ]);
      expect([...stored]).toEqual([a!.id]);
      expect((await stepsOf(h.db, a!.id)).find((s) => s.stepId === "extra")?.output).toBe("a");
      expect((await stepsOf(h.db, b!.id)).some((s) => s.stepId === "extra")).toBe(false);
      const [row] = await h.db.$queryRawUnsafe<{ stack: string[] }[]>(`SELECT stack FROM runtime_runs WHERE id = $1`, a!.id);
      expect(row!.stack.at(-1)).toBe(hashStepId("extra"));
    } finally {
      await h.db.$executeRawUnsafe(`DELETE FROM runtime_queue WHERE id = 'qi-a'`);
      await h.db.$executeRawUnsafe(`UPDATE runtime_runs SET status = 'COMPLETED' WHERE id = ANY($1::text[])`, [a!.id, b!.id]);
    }
  });
});
