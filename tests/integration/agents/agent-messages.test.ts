import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/tests/helpers/db";
import { resetClock, setClockTo } from "@/lib/runtime/clock";
import { ended, until } from "@/tests/integration/runtime/harness";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * Agent messages and dead letters (issue 14) on the app's real client, middleware and functions,
 * against PostgreSQL: a hand-off event sent through the client is recorded (channel, payload,
 * correlation id, expected consumer); a run of its consumer marks it consumed (here MKT-202, whose
 * agent is off: the run is skipped, the message was still received); a message nobody consumes
 * becomes, once the executor's clock is 25 h later, a dead letter: owners and admins alerted, the
 * event re-sent exactly once (a second sweep sends nothing more); "Retry" sends it again, once per click.
 */
let app: AppExecutor;
let t: TestDatabase;

beforeAll(async () => {
  app = await startAppExecutor({
    dataDirPrefix: "me-agent-messages-",
    functions: async () => [
      (await import("@/inngest/functions/system/sys-004-dead-letters")).sys004DeadLetters,
      (await import("@/inngest/functions/amplification/mkt-202-propose-campaign")).mkt202ProposeCampaign,
    ],
  });
  t = app.t;
}, 60_000);
afterAll(async () => {
  resetClock();
  await app?.stop();
});

async function newOrg(label: string) {
  const { signUp } = await import("@/lib/auth/sign-up");
  const { createOrganization } = await import("@/lib/orgs/create-organization");
  const user = await signUp({ name: `Owner ${label}`, email: `messages-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: `Messages ${label}` } });
  return { orgId: org.id, userId: user.id };
}

describe("agent messages and dead letters", () => {
  it("recorded when sent, consumed when the consumer's run starts, dead letter after 24 h: alerted and re-sent once; retry sends again", { timeout: 120_000 }, async () => {
    const o = await newOrg("a");
    await t.db.agent.updateMany({ where: { organizationId: o.orgId, workflowCode: "MKT-202" }, data: { status: "INACTIVE" } });

    // A signal for MKT-202 (registered) and a received lead for MKT-302 (not served here: nobody consumes it).
    await app.inngest.send({ id: "sig-1", name: "signal/content.detected", data: { organizationId: o.orgId, signalId: "s1", brandId: "b1", contentPieceId: "p1", publicationId: "pub1", platform: "instagram", engagementRate: 9, threshold: 4 } } as never);
    await app.inngest.send({ id: "lead-received:sub-1", name: "lead/received", data: { organizationId: o.orgId, leadId: "lead-1", submissionId: "sub-1", created: true } } as never);
    // Not a hand-off: not recorded.
    await app.inngest.send({ name: "system/ping.requested", data: { organizationId: o.orgId, message: "ping" } } as never);

    const messages = () => t.db.agentMessage.findMany({ where: { organizationId: o.orgId }, orderBy: { channel: "asc" } });
    expect((await messages()).map((m) => [m.channel, m.eventId, m.producer, m.consumer, m.correlationId])).toEqual([
      ["lead/received", "lead-received:sub-1", "mkt-301", "mkt-302-score-lead", "leadId:lead-1"],
      ["signal/content.detected", "sig-1", "mkt-109", "mkt-202-propose-campaign", "contentPieceId:p1"],
    ]);
    expect((await messages())[0]!.payload).toMatchObject({ leadId: "lead-1", submissionId: "sub-1" });

    // MKT-202's run starts (and is skipped: its agent is off): the signal is consumed, the lead is not.
    await ended(t.db, "marketing-engine-mkt-202-propose-campaign");
    const signal = await until("signal consumed", async () => (await messages()).find((m) => m.channel === "signal/content.detected" && m.consumedAt));
    expect(signal.consumer).toBe("mkt-202-propose-campaign");
    expect((await messages()).find((m) => m.channel === "lead/received")!.consumedAt).toBeNull();

    // 25 hours later: the hourly sweep.
    const fnId = "marketing-engine-sys-004-dead-letters";
    setClockTo(new Date(Date.now() + 25 * 3600_000));
    const [first] = await ended(t.db, fnId, 1, 30_000);
    expect(first!.status).toBe("COMPLETED");
    expect(first!.output).toEqual({ deadLettered: 1, resent: 1 });
    const dead = (await messages()).find((m) => m.channel === "lead/received")!;
    expect(dead.deadLetteredAt).not.toBeNull();
    expect(dead.redeliveries).toBe(1);
    expect((await messages()).find((m) => m.channel === "signal/content.detected")!.deadLetteredAt).toBeNull();
    const resent = () => t.db.runtimeEvent.findMany({ where: { externalId: { startsWith: "lead-received:sub-1~" } } });
    expect((await resent()).map((e) => [e.externalId, e.name])).toEqual([["lead-received:sub-1~resend-1", "lead/received"]]);
    // The re-send is not a new message.
    expect(await t.db.agentMessage.count({ where: { organizationId: o.orgId } })).toBe(2);
    const alerts = await t.db.notification.findMany({ where: { organizationId: o.orgId, type: "agents.dead_letters" } });
    expect(alerts.map((n) => [n.userId, n.severity, n.messageKey])).toEqual([[o.userId, "WARNING", "agentDeadLetters"]]);
    expect(alerts[0]!.title).toContain("1 agent message");

    // The next sweep: nothing new, nothing re-sent again, no second alert.
    const schedule = await t.db.runtimeSchedule.findFirstOrThrow({ where: { functionId: fnId } });
    setClockTo(new Date(schedule.nextAt.getTime() + 500));
    const runs = await ended(t.db, fnId, 2, 30_000);
    expect(runs.map((r) => r.output)).toContainEqual({ deadLettered: 0, resent: 0 });
    expect(await resent()).toHaveLength(1);
    expect(await t.db.notification.count({ where: { organizationId: o.orgId, type: "agents.dead_letters" } })).toBe(1);

    // The page lists it; "Retry" sends it again under a new id; another organisation's is a 404.
    const { listDeadLetters } = await import("@/lib/agents/messages");
    const { retryDeadLetter } = await import("@/lib/agents/dead-letters");
    expect((await listDeadLetters({ organizationId: o.orgId })).map((d) => [d.channel, d.consumer, d.redeliveries])).toEqual([["lead/received", "mkt-302-score-lead", 1]]);
    expect(await retryDeadLetter({ organizationId: o.orgId, messageId: dead.id })).toEqual({ eventId: "lead-received:sub-1~resend-2", redeliveries: 2 });
    expect((await resent()).map((e) => e.externalId).sort()).toEqual(["lead-received:sub-1~resend-1", "lead-received:sub-1~resend-2"]);
    const other = await newOrg("b");
    await expect(retryDeadLetter({ organizationId: other.orgId, messageId: dead.id })).rejects.toMatchObject({ code: "not_found" });

    // A run of the consumer for a re-sent event marks the original consumed; a consumed one cannot be retried.
    const { markAgentMessageConsumed } = await import("@/lib/agents/messages");
    expect(await markAgentMessageConsumed({ eventName: "lead/received", eventId: "lead-received:sub-1~resend-2", functionId: "mkt-302-score-lead" })).toBe(1);
    await expect(retryDeadLetter({ organizationId: o.orgId, messageId: dead.id })).rejects.toMatchObject({ code: "conflict" });
    resetClock();
  });

  it("a sweep step replayed after its commit (crash before the checkpoint) answers the same dead letters and re-sends: the alert and the re-send still go out", { timeout: 60_000 }, async () => {
    const { sweepDeadLetters } = await import("@/lib/agents/messages");
    const { notifyDeadLetters } = await import("@/lib/agents/dead-letters");
    const o = await newOrg("replay");
    // Two consumers of one signal and a lead nobody consumed, a day and more old at the sweep's time
    // (`now` 25 h ahead: the executor's own hourly sweep, on the real clock, never takes them).
    const now = new Date(Date.now() + 25 * 3600_000);
    const old = new Date(now.getTime() - 25 * 3600_000 - 60_000);
    const base = { organizationId: o.orgId, producer: "mkt-109", correlationId: null };
    await t.db.agentMessage.createMany({
      data: [
        { ...base, id: "am-replay-1", channel: "lead/received", eventId: "lead-received:sub-r", consumer: "mkt-302-score-lead", payload: { organizationId: o.orgId, leadId: "lead-r" }, createdAt: old },
        { ...base, id: "am-replay-2", channel: "signal/content.detected", eventId: "sig-r", consumer: "mkt-202-propose-campaign", payload: { organizationId: o.orgId, signalId: "s-r" }, createdAt: new Date(old.getTime() + 1000) },
        { ...base, id: "am-replay-3", channel: "signal/content.detected", eventId: "sig-r", consumer: "mkt-999-other", payload: { organizationId: o.orgId, signalId: "s-r" }, createdAt: new Date(old.getTime() + 2000) },
      ],
    });
    const mine = <T extends { organizationId: string }>(xs: T[]) => xs.filter((x) => x.organizationId === o.orgId);

    // The step's first execution commits its UPDATE, then the process dies before the step's result is
    // stored; the replay runs the same call for the same run, a little later.
    const first = await sweepDeadLetters({ sweepRunId: "run-1:sweep", now });
    expect(mine(first.deadLettered).map((d) => ({ ...d, channels: d.channels.slice().sort() }))).toEqual([{ organizationId: o.orgId, count: 3, channels: ["lead/received", "signal/content.detected"] }]);
    expect(mine(first.resend).map((r) => [r.messageId, r.event.id, r.event.name]).sort()).toEqual([
      ["am-replay-1", "lead-received:sub-r~resend-1", "lead/received"],
      ["am-replay-2", "sig-r~resend-1", "signal/content.detected"],
    ]);
    const replay = await sweepDeadLetters({ sweepRunId: "run-1:sweep", now: new Date(now.getTime() + 90_000) });
    expect(replay).toEqual(first);
    // A person's "Retry" in between (its write as retryDeadLetter makes it, a minute after the sweep on
    // the sweep's clock) changes nothing to the answer.
    await t.db.agentMessage.update({ where: { id: "am-replay-1" }, data: { redeliveries: 2, lastRedeliveredAt: new Date(now.getTime() + 60_000) } });
    expect(await sweepDeadLetters({ sweepRunId: "run-1:sweep", now: new Date(now.getTime() + 120_000) })).toEqual(first);
    // The rows were claimed once: one automatic re-send each, dead-lettered at the first execution's time.
    const rows = await t.db.agentMessage.findMany({ where: { organizationId: o.orgId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id, r.redeliveries, r.deadLetteredAt?.getTime(), r.sweepRunId])).toEqual([
      ["am-replay-1", 2, now.getTime(), "run-1:sweep"],
      ["am-replay-2", 1, now.getTime(), "run-1:sweep"],
      ["am-replay-3", 1, now.getTime(), "run-1:sweep"],
    ]);
    // What the replay hands on still alerts the owner.
    for (const d of mine(replay.deadLettered)) await notifyDeadLetters(d);
    const alerts = await t.db.notification.findMany({ where: { organizationId: o.orgId, type: "agents.dead_letters" } });
    expect(alerts.map((n) => [n.userId, n.data])).toEqual([[o.userId, { count: 3, channels: ["lead/received", "signal/content.detected"] }]]);
    // Another run's sweep does not take them again.
    expect(mine((await sweepDeadLetters({ sweepRunId: "run-2:sweep", now: new Date(now.getTime() + 3600_000) })).deadLettered)).toEqual([]);
  });
});
