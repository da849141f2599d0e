import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "inngest/next";
import type { Inngest } from "inngest";
import { applyCheckpoint } from "@/lib/runtime/checkpoint";
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
});
