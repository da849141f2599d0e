import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { advanceClock } from "@/lib/runtime/clock";
import { ended, idle, runsOf, sleep, startHarness, stepsOf, until, type Harness } from "./harness";

/**
 * Flow control: cancelOn, concurrency with a key (per organisation), idempotency, event id
 * dedupe, throttle, debounce and rate limit.
 */
let h: Harness;
const spans: { org: string; start: number; end: number }[] = [];
const effects: string[] = [];

function build(inngest: Inngest) {
  const cancellable = inngest.createFunction(
    { id: "cancellable", triggers: [{ event: "test/lead.enrolled" }], cancelOn: [{ event: "test/lead.replied", match: "data.leadId" }] },
    async ({ event, step }) => {
      await step.run("first-touch", () => effects.push(`first:${event.data.leadId}`));
      await step.sleep("wait-a-day", "1d");
      await step.run("second-touch", () => effects.push(`second:${event.data.leadId}`));
    },
  );

  const perOrg = inngest.createFunction(
    { id: "per-org", triggers: [{ event: "test/job.requested" }], concurrency: [{ limit: 1, key: "event.data.organizationId" }] },
    async ({ event, step }) => {
      await step.run("work", async () => {
        const start = Date.now();
        await sleep(500); // long enough that, even on a loaded machine, the other organisation's step starts inside it
        spans.push({ org: String(event.data.organizationId), start, end: Date.now() });
      });
      return step.run("second", () => "ok");
    },
  );

  const idempotent = inngest.createFunction(
    { id: "idempotent", triggers: [{ event: "test/payment.received" }], idempotency: "event.data.paymentId" },
    async ({ event }) => event.data.paymentId,
  );

  const anyEvent = inngest.createFunction({ id: "counter", triggers: [{ event: "test/counted.happened" }] }, async ({ event }) => event.data.n);

  const throttled = inngest.createFunction(
    { id: "throttled", triggers: [{ event: "test/throttle.hit" }], throttle: { limit: 2, period: "1m", key: "event.data.organizationId" } },
    async ({ event }) => event.data.n,
  );

  const debounced = inngest.createFunction(
    { id: "debounced", triggers: [{ event: "test/typing.changed" }], debounce: { period: "10s", key: "event.data.docId" } },
    async ({ event }) => event.data.text,
  );

  const rateLimited = inngest.createFunction(
    { id: "rate-limited", triggers: [{ event: "test/alert.raised" }], rateLimit: { limit: 1, period: "1h", key: "event.data.kind" } },
    async ({ event }) => event.data.kind,
  );

  return [cancellable, perOrg, idempotent, anyEvent, throttled, debounced, rateLimited];
}

beforeAll(async () => {
  h = await startHarness(build);
});
afterAll(async () => {
  await h?.stop();
});

describe("embedded executor: flow control", () => {
  it("cancelOn cancels the matching run only, and no further step runs", async () => {
    await h.client.send([
      { name: "test/lead.enrolled", data: { leadId: "L1" } },
      { name: "test/lead.enrolled", data: { leadId: "L2" } },
    ]);
    await until("both runs asleep", async () => ((await h.db.runtimeQueueItem.count({ where: { kind: "TIMER" } })) === 2 ? true : undefined));
    await h.client.send({ name: "test/lead.replied", data: { leadId: "L1" } });
    const [cancelled] = await ended(h.db, "test-app-cancellable");
    expect(cancelled!.status).toBe("CANCELLED");
    expect((cancelled!.event.data as { leadId: string }).leadId).toBe("L1");
    expect(cancelled!.cancelReason).toMatch(/Cancelled by event test\/lead.replied/);
    advanceClock(86_400_000 + 1000);
    const runs = await ended(h.db, "test-app-cancellable", 2);
    expect(runs.map((r) => r.status).sort()).toEqual(["CANCELLED", "COMPLETED"]);
    expect(effects.filter((e) => e.startsWith("second"))).toEqual(["second:L2"]);
    const steps = await stepsOf(h.db, cancelled!.id);
    expect(steps.find((s) => s.stepId === "wait-a-day")?.status).toBe("FAILED");
  });

  it("limits concurrent steps per organisation (concurrency key) while other organisations proceed", async () => {
    await h.client.send([
      ...[1, 2, 3].map((n) => ({ name: "test/job.requested", data: { organizationId: "org_a", n } })),
      ...[1, 2, 3].map((n) => ({ name: "test/job.requested", data: { organizationId: "org_b", n } })),
    ]);
    const runs = await ended(h.db, "test-app-per-org", 6, 30_000);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    for (const org of ["org_a", "org_b"]) {
      const mine = spans.filter((s) => s.org === org).sort((a, b) => a.start - b.start);
      expect(mine).toHaveLength(3);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.start).toBeGreaterThanOrEqual(mine[i - 1]!.end);
    }
    const overlapAcrossOrgs = spans.some((a) => a.org === "org_a" && spans.some((b) => b.org === "org_b" && b.start < a.end && a.start < b.end));
    expect(overlapAcrossOrgs).toBe(true);
  }, 40_000);

  it("runs an idempotent function once per key for 24 h", async () => {
    await h.client.send([
      { name: "test/payment.received", data: { paymentId: "p1" } },
      { name: "test/payment.received", data: { paymentId: "p1" } },
      { name: "test/payment.received", data: { paymentId: "p2" } },
    ]);
    await ended(h.db, "test-app-idempotent", 2);
    await idle(h.db);
    expect((await runsOf(h.db, "test-app-idempotent")).map((r) => r.output).sort()).toEqual(["p1", "p2"]);
    advanceClock(24 * 3_600_000 + 1000);
    await h.client.send({ name: "test/payment.received", data: { paymentId: "p1" } });
    await ended(h.db, "test-app-idempotent", 3);
  });

  it("deduplicates events by id for 24 h: same id twice -> one run", async () => {
    const first = await h.client.send({ id: "evt-123", name: "test/counted.happened", data: { n: 1 } });
    const again = await h.client.send({ id: "evt-123", name: "test/counted.happened", data: { n: 2 } });
    expect(again.ids).toEqual(first.ids);
    await ended(h.db, "test-app-counter", 1);
    await idle(h.db);
    expect(await runsOf(h.db, "test-app-counter")).toHaveLength(1);
    expect(await h.db.runtimeEvent.count({ where: { externalId: "evt-123" } })).toBe(1);
    advanceClock(24 * 3_600_000 + 1000);
    await h.client.send({ id: "evt-123", name: "test/counted.happened", data: { n: 3 } });
    const runs = await ended(h.db, "test-app-counter", 2);
    expect(runs.map((r) => r.output).sort()).toEqual([1, 3]);
  });

  it("throttles: at most `limit` starts per period per key, the rest wait (not dropped)", async () => {
    await h.client.send([1, 2, 3].map((n) => ({ name: "test/throttle.hit", data: { organizationId: "org_t", n } })));
    await ended(h.db, "test-app-throttled", 2);
    await idle(h.db);
    const runs = await runsOf(h.db, "test-app-throttled");
    expect(runs).toHaveLength(3);
    expect(runs.filter((r) => r.status === "QUEUED")).toHaveLength(1);
    advanceClock(61_000);
    const done = await ended(h.db, "test-app-throttled", 3);
    expect(done.map((r) => r.output).sort()).toEqual([1, 2, 3]);
  });

  it("debounces: one run with the last event after the quiet period", async () => {
    for (const text of ["h", "he", "hel"]) await h.client.send({ name: "test/typing.changed", data: { docId: "d1", text } });
    await h.client.send({ name: "test/typing.changed", data: { docId: "d2", text: "other" } });
    await until("debounce rows", async () => ((await h.db.runtimeDebounce.count()) === 2 ? true : undefined));
    await idle(h.db);
    expect(await runsOf(h.db, "test-app-debounced")).toHaveLength(0);
    advanceClock(11_000);
    const runs = await ended(h.db, "test-app-debounced", 2);
    expect(runs.map((r) => r.output).sort()).toEqual(["hel", "other"]);
  });

  it("rate limits: drops events over the limit per key", async () => {
    await h.client.send([
      { name: "test/alert.raised", data: { kind: "disk" } },
      { name: "test/alert.raised", data: { kind: "disk" } },
      { name: "test/alert.raised", data: { kind: "cpu" } },
    ]);
    await ended(h.db, "test-app-rate-limited", 2);
    await idle(h.db);
    expect((await runsOf(h.db, "test-app-rate-limited")).map((r) => r.output).sort()).toEqual(["cpu", "disk"]);
  });
});
