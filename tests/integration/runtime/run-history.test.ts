import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { cancelWorkflowRun } from "@/lib/workflows/cancel-run";
import { getRun, listEvents, listRunFunctions, listRuns } from "@/lib/workflows/queries";
import { rerunWorkflowRun } from "@/lib/workflows/rerun-run";
import { ended, runsOf, startHarness, until, type Harness } from "./harness";

/** Run history for the Runs / Events pages: tenant scoping, filters, step details, cancel and re-run. */
let h: Harness;
let failOnce = true;

function build(inngest: Inngest) {
  const report = inngest.createFunction(
    { id: "report", name: "Weekly report", triggers: [{ event: "test/report.requested" }], retries: 1 },
    async ({ event, step }) => {
      const rows = await step.run("load-rows", () => [1, 2, 3]);
      await step.run("flaky-render", () => {
        if (failOnce) {
          failOnce = false;
          throw new Error("renderer busy");
        }
        return "rendered";
      });
      return { org: event.data.organizationId, rows: rows.length };
    },
  );
  const slow = inngest.createFunction({ id: "slow", triggers: [{ event: "test/slow.requested" }] }, async ({ step }) => {
    await step.sleep("long-wait", "7d");
    return "never";
  });
  return [report, slow];
}

beforeAll(async () => {
  h = await startHarness(build);
});
afterAll(async () => {
  await h?.stop();
});

describe("run history", () => {
  it("lists an organisation's runs with filters and shows steps with input/output/retries", async () => {
    await h.client.send([
      { name: "test/report.requested", data: { organizationId: "org_a" } },
      { name: "test/report.requested", data: { organizationId: "org_b" } },
    ]);
    await ended(h.db, "test-app-report", 2);
    const a = await listRuns({ organizationId: "org_a", filters: {} });
    expect(a.runs).toHaveLength(1);
    expect(a.runs[0]).toMatchObject({ functionId: "test-app-report", functionName: "Weekly report", status: "COMPLETED", eventName: "test/report.requested" });
    expect((await listRuns({ organizationId: "org_a", filters: { status: "FAILED" } })).runs).toHaveLength(0);
    expect((await listRuns({ organizationId: "org_a", filters: { function: "test-app-slow" } })).runs).toHaveLength(0);
    expect((await listRuns({ organizationId: "org_a", filters: { from: new Date(Date.now() + 60_000) } })).runs).toHaveLength(0);
    expect(await listRunFunctions({ organizationId: "org_a" })).toEqual([{ id: "test-app-report", name: "Weekly report" }]);

    const runs = [...(await listRuns({ organizationId: "org_a", filters: {} })).runs, ...(await listRuns({ organizationId: "org_b", filters: {} })).runs];
    const details = await Promise.all(runs.map((r) => getRun({ organizationId: r.id === a.runs[0]!.id ? "org_a" : "org_b", runId: r.id })));
    const retried = details.find((d) => d.steps.some((s) => s.retries.length > 0))!;
    const render = retried.steps.find((s) => s.stepId === "flaky-render")!;
    expect(render).toMatchObject({ status: "COMPLETED", output: "rendered", attempts: 2 });
    expect(render.retries[0]!.error.message).toBe("renderer busy");
    expect(retried.steps.map((s) => s.stepId)).toEqual(["load-rows", "flaky-render"]);
    expect(retried.steps[0]!.output).toEqual([1, 2, 3]);
    expect(retried.event).toMatchObject({ name: "test/report.requested" });
    expect(retried.canRerun).toBe(true);
  });

  it("hides other organisations' runs and events (404)", async () => {
    const [runB] = (await listRuns({ organizationId: "org_b", filters: {} })).runs;
    await expect(getRun({ organizationId: "org_a", runId: runB!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelWorkflowRun({ organizationId: "org_a", runId: runB!.id, by: "a@x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(rerunWorkflowRun({ organizationId: "org_a", runId: runB!.id })).rejects.toMatchObject({ code: "not_found" });
    const events = await listEvents({ organizationId: "org_a", filters: {} });
    expect(events.events).toHaveLength(1);
    expect(events.events[0]!.runIds).toHaveLength(1);
  });

  it("cancels an active run; cancelling again is a conflict", async () => {
    await h.client.send({ name: "test/slow.requested", data: { organizationId: "org_a" } });
    const run = await until("the sleeping run", async () => (await runsOf(h.db, "test-app-slow")).find((r) => r.status === "RUNNING"));
    expect((await getRun({ organizationId: "org_a", runId: run.id })).canCancel).toBe(true);
    await cancelWorkflowRun({ organizationId: "org_a", runId: run.id, by: "owner@example.com" });
    const detail = await getRun({ organizationId: "org_a", runId: run.id });
    expect(detail.status).toBe("CANCELLED");
    expect(detail.cancelReason).toBe("Cancelled by owner@example.com");
    expect(await h.db.runtimeQueueItem.count({ where: { runId: run.id } })).toBe(0);
    await expect(cancelWorkflowRun({ organizationId: "org_a", runId: run.id, by: "x" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("re-runs an ended run with the same event", async () => {
    const [original] = (await listRuns({ organizationId: "org_a", filters: { function: "test-app-report" } })).runs;
    const { runId } = await rerunWorkflowRun({ organizationId: "org_a", runId: original!.id });
    const done = await until("the re-run", async () => {
      const r = await getRun({ organizationId: "org_a", runId });
      return r.status === "COMPLETED" ? r : undefined;
    });
    expect(done.rerunOfId).toBe(original!.id);
    expect(done.output).toEqual({ org: "org_a", rows: 3 });
  });
});
