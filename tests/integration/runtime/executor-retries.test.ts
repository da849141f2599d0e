import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NonRetriableError, RetryAfterError, type Inngest } from "inngest";
import { advanceClock, nowMs } from "@/lib/runtime/clock";
import { ended, runsOf, startHarness, stepsOf, until, type Harness } from "./harness";

/**
 * Retries: per step (exponential backoff with jitter, retry-after, NonRetriableError), function
 * level errors, the `retries` option, exhaustion then onFailure.
 */
let h: Harness;
const attempts: Record<string, number[]> = {};
const failures: { functionId: string; error: string; original: string }[] = [];

function count(key: string, attempt: number) {
  (attempts[key] ??= []).push(attempt);
}

function build(inngest: Inngest) {
  const flakyStep = inngest.createFunction({ id: "flaky-step", triggers: [{ event: "test/flaky-step.started" }], retries: 3 }, async ({ step, attempt }) => {
    const v = await step.run("fails-twice", () => {
      count("fails-twice", attempt);
      if (attempt < 2) throw new Error(`transient ${attempt}`);
      return "ok";
    });
    return v;
  });

  const retryAfter = inngest.createFunction({ id: "retry-after", triggers: [{ event: "test/retry-after.started" }] }, async ({ step, attempt }) => {
    return step.run("rate-limited", () => {
      count("retry-after", attempt);
      if (attempt === 0) throw new RetryAfterError("slow down", "30s");
      return "through";
    });
  });

  const exhausted = inngest.createFunction(
    {
      id: "exhausted",
      triggers: [{ event: "test/exhausted.started" }],
      retries: 2,
      onFailure: async ({ event, error, step }) => {
        await step.run("record", () => {
          failures.push({ functionId: event.data.function_id, error: error.message, original: event.data.event.name });
        });
      },
    },
    async ({ step, attempt }) => {
      await step.run("always-fails", () => {
        count("always-fails", attempt);
        throw new Error("still broken");
      });
    },
  );

  const nonRetriable = inngest.createFunction(
    {
      id: "non-retriable",
      triggers: [{ event: "test/non-retriable.started" }],
      onFailure: async ({ error }) => {
        failures.push({ functionId: "non-retriable", error: error.message, original: "" });
      },
    },
    async ({ step, attempt }) => {
      await step.run("refuses", () => {
        count("refuses", attempt);
        throw new NonRetriableError("bad input, do not retry");
      });
    },
  );

  const caught = inngest.createFunction({ id: "caught", triggers: [{ event: "test/caught.started" }], retries: 1 }, async ({ step }) => {
    try {
      await step.run("fails", () => {
        throw new Error("nope");
      });
    } catch (err) {
      return await step.run("fallback", () => `recovered from ${(err as Error).message}`);
    }
  });

  const fnLevel = inngest.createFunction({ id: "fn-level", triggers: [{ event: "test/fn-level.started" }], retries: 1 }, async ({ step, attempt }) => {
    await step.run("first", () => "fine");
    count("fn-level", attempt);
    throw new Error("outside any step");
  });

  const noRetries = inngest.createFunction({ id: "no-retries", triggers: [{ event: "test/no-retries.started" }], retries: 0 }, async ({ step, attempt }) => {
    await step.run("once", () => {
      count("once", attempt);
      throw new Error("single shot");
    });
  });

  return [flakyStep, retryAfter, exhausted, nonRetriable, caught, fnLevel, noRetries];
}

beforeAll(async () => {
  h = await startHarness(build);
});
afterAll(async () => {
  await h?.stop();
});

describe("embedded executor: retries", () => {
  it("retries a failing step with backoff until it succeeds, keeping each attempt's error", async () => {
    await h.client.send({ name: "test/flaky-step.started", data: {} });
    const [run] = await ended(h.db, "test-app-flaky-step");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toBe("ok");
    expect(attempts["fails-twice"]).toEqual([0, 1, 2]);
    const [step] = await stepsOf(h.db, run!.id);
    expect(step!.attempts).toBe(3);
    expect((step!.errors as { error: { message: string } }[]).map((e) => e.error.message)).toEqual(["transient 0", "transient 1"]);
  });

  it("honours retry-after from RetryAfterError", async () => {
    await h.client.send({ name: "test/retry-after.started", data: {} });
    const before = nowMs();
    const item = await until("the retry to be scheduled", async () => {
      const [r] = await runsOf(h.db, "test-app-retry-after");
      if (!r) return undefined;
      const q = await h.db.runtimeQueueItem.findFirst({ where: { runId: r.id, kind: "CALL" } });
      return q && q.availableAt.getTime() > before + 20_000 ? q : undefined;
    });
    expect(item.availableAt.getTime() - before).toBeGreaterThanOrEqual(29_000);
    expect(item.availableAt.getTime() - before).toBeLessThan(35_000);
    advanceClock(31_000);
    const [run] = await ended(h.db, "test-app-retry-after");
    expect(run!.output).toBe("through");
    expect(attempts["retry-after"]).toEqual([0, 1]);
  });

  it("stops after `retries` + 1 attempts, fails the run and calls onFailure with the error and the event", async () => {
    await h.client.send({ name: "test/exhausted.started", data: { organizationId: "org_x" } });
    const [run] = await ended(h.db, "test-app-exhausted");
    expect(run!.status).toBe("FAILED");
    expect(run!.error?.message).toBe("still broken");
    expect(attempts["always-fails"]).toEqual([0, 1, 2]);
    const [handler] = await ended(h.db, "test-app-exhausted-failure");
    expect(handler!.status).toBe("COMPLETED");
    expect(handler!.event.name).toBe("inngest/function.failed");
    expect(handler!.organizationId).toBe("org_x"); // the failure handler run belongs to the same tenant
    expect(failures).toContainEqual({ functionId: "test-app-exhausted", error: "still broken", original: "test/exhausted.started" });
  });

  it("does not retry NonRetriableError", async () => {
    await h.client.send({ name: "test/non-retriable.started", data: {} });
    const [run] = await ended(h.db, "test-app-non-retriable");
    expect(run!.status).toBe("FAILED");
    expect(run!.error?.message).toBe("bad input, do not retry");
    expect(attempts["refuses"]).toEqual([0]);
    await ended(h.db, "test-app-non-retriable-failure");
    expect(failures.some((f) => f.functionId === "non-retriable")).toBe(true);
  });

  it("lets the function catch a step that failed for good", async () => {
    await h.client.send({ name: "test/caught.started", data: {} });
    const [run] = await ended(h.db, "test-app-caught");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toBe("recovered from nope");
    const steps = await stepsOf(h.db, run!.id);
    expect(steps.find((s) => s.stepId === "fails")).toMatchObject({ status: "FAILED", attempts: 2 });
  });

  it("retries errors thrown outside steps at function level, then fails", async () => {
    await h.client.send({ name: "test/fn-level.started", data: {} });
    const [run] = await ended(h.db, "test-app-fn-level");
    expect(run!.status).toBe("FAILED");
    expect(run!.error?.message).toBe("outside any step");
    expect(attempts["fn-level"]).toEqual([0, 1]);
  });

  it("honours retries: 0 (a single attempt)", async () => {
    await h.client.send({ name: "test/no-retries.started", data: {} });
    const [run] = await ended(h.db, "test-app-no-retries");
    expect(run!.status).toBe("FAILED");
    expect(attempts["once"]).toEqual([0]);
  });
});
