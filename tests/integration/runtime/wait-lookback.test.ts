import { describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { harnessPerFile } from "./harness-per-file";
import { ended, runsOf, until } from "./harness";

/**
 * Issue 19: a waitForEvent's window opens when the step before it started, not when the wait was
 * stored. The code reads some state in a step, then waits for the event that changes it: an event
 * that arrives between the read and the wait's registration (here: sent by the step itself) must
 * resolve the wait, not leave it to its timeout (application code worked around it with a 30 s first
 * wait, MKT-104/MKT-203). The window does not reach further back: an event that arrived before the
 * previous step started, or that an earlier wait already took, is not taken again.
 */
function build(inngest: Inngest) {
  const approver = inngest.createFunction({ id: "approver", triggers: [{ event: "test/approval.asked" }] }, async ({ event, step }) => {
    await step.run("ask", async () => {
      // The decision arrives while the step runs, before the wait exists.
      await inngest.send({ name: "test/approval.decided", data: { id: event.data.id, decision: "yes" } });
      return "asked";
    });
    const decided = await step.waitForEvent("decision", { event: "test/approval.decided", timeout: "1h", if: "async.data.id == event.data.id" });
    return decided?.data.decision ?? null;
  });
  const twice = inngest.createFunction({ id: "twice", triggers: [{ event: "test/twice.started" }] }, async ({ step }) => {
    await step.run("start", () => "started");
    const first = await step.waitForEvent("first", { event: "test/ping", timeout: "1h", if: "async.data.id == event.data.id" });
    const second = await step.waitForEvent("second", { event: "test/ping", timeout: "2s", if: "async.data.id == event.data.id" });
    return { first: first?.data.seq ?? null, second: second?.data.seq ?? null };
  });
  return [approver, twice];
}

const harness = harnessPerFile(build);

describe("a wait's window opens when the previous step started", () => {
  it("an event sent while the step before the wait ran resolves the wait at once", async () => {
    await harness().client.send({ name: "test/approval.asked", data: { id: "a1" } });
    // Without the window the run would wait for its 1 h timeout and end with null.
    const [run] = await ended(harness().db, "test-app-approver", 1, 30_000);
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toBe("yes");
  });

  it("an event from before the previous step, or taken by an earlier wait, does not resolve a later wait", async () => {
    // Before the run exists: outside every window of it.
    await harness().client.send({ name: "test/ping", data: { id: "t1", seq: 0 } });
    await harness().client.send({ name: "test/twice.started", data: { id: "t1" } });
    await until("the first wait", async () => ((await harness().db.runtimeWait.count({ where: { kind: "EVENT", eventName: "test/ping" } })) > 0 ? true : undefined));
    await harness().client.send({ name: "test/ping", data: { id: "t1", seq: 1 } });
    const [run] = await ended(harness().db, "test-app-twice", 1, 30_000);
    expect(run!.status).toBe("COMPLETED");
    // The first wait took ping 1; the second saw nothing new and timed out.
    expect(run!.output).toEqual({ first: 1, second: null });
    expect((await runsOf(harness().db, "test-app-twice")).length).toBe(1);
  });
});
