import type { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { callFunction } from "@/lib/runtime/sdk-call";
import { guardServe } from "@/lib/workflows/serve-guard";
import { executorToken } from "@/lib/workflows/secrets";
import { ended, stepsOf } from "./harness";
import { harnessPerFile } from "./harness-per-file";

/**
 * In-process calls (lib/runtime/local-serve.ts): when the app's serve() handler runs in the
 * executor's process, as under `npm start`, the executor hands it each call as a Request instead of
 * an HTTP request. Here the handler is wrapped in the app route's own guard (lib/workflows/serve-guard.ts)
 * and the executor holds the app's token, as in production: the protocol is the same, only the
 * transport changes, and nothing is skipped.
 */
let localCalls = 0;
let failures = 0;

function build(inngest: Inngest) {
  const mixed = inngest.createFunction({ id: "mixed", triggers: [{ event: "test/mixed.started" }], retries: 2 }, async ({ event, step }) => {
    const a = await step.run("a", () => Number(event.data.n) + 1);
    await step.sleep("nap", "200ms");
    const b = await step.run("b", () => {
      if (failures++ === 0) throw new Error("fails once");
      return a * 10;
    });
    const [c, d] = await Promise.all([step.run("c", () => 1), step.run("d", () => 2)]);
    return { a, b, c, d };
  });
  return [mixed];
}

const harness = harnessPerFile(build, {
  executor: { serveToken: executorToken() },
  local: (post) => {
    const guarded = guardServe((r: Request) => post(r));
    return (r: Request) => {
      localCalls++;
      return guarded(r, undefined);
    };
  },
});

describe("in-process calls", () => {
  it("a run's steps, sleep, retry and parallel steps go through the handler of this process, none over HTTP", async () => {
    const postsBefore = harness().server.posts();
    await harness().client.send({ name: "test/mixed.started", data: { n: 4 } });
    const [run] = await ended(harness().db, "test-app-mixed");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toEqual({ a: 5, b: 50, c: 1, d: 2 });
    const steps = await stepsOf(harness().db, run!.id);
    expect(steps.find((s) => s.stepId === "b")).toMatchObject({ status: "COMPLETED", attempts: 2 });
    expect(steps.find((s) => s.stepId === "nap")).toMatchObject({ status: "COMPLETED" });
    // The discovery call, the call after the sleep, the retry, the parallel steps: several calls, all local.
    expect(localCalls).toBeGreaterThanOrEqual(4);
    expect(harness().server.posts()).toBe(postsBefore);
  });

  it("the route's token check applies in-process: a wrong token is refused like over HTTP", async () => {
    const post = (r: Request) => guardServe((req: Request) => Promise.resolve(new Response(req.url)))(r, undefined);
    const outcome = await callFunction({
      url: harness().server.serveUrl,
      stepId: null,
      runId: "01J00000000000000000000000",
      event: { id: "e", name: "test/mixed.started", data: {}, ts: Date.now() },
      steps: {},
      stack: [],
      attempt: 0,
      maxAttempts: 1,
      disableImmediateExecution: false,
      timeoutMs: 5_000,
      token: "not-the-token",
      local: post,
    });
    expect(outcome).toMatchObject({ kind: "infra", message: expect.stringContaining("401") });
  });
});
