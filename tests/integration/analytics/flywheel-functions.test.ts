import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetClock, setClockTo } from "@/lib/runtime/clock";
import { Executor } from "@/lib/runtime/executor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { ended, FAST, idle, quietLogger, runsOf, startAppServer, type AppServer } from "../runtime/harness";
import { collectMetrics } from "@/lib/analytics/metrics/collect-metrics";
import { createPostedPublication, createTenant, ORDINARY_POSTS, STAR_POST, type Tenant } from "./fixtures";

/**
 * MKT-108 and MKT-109 as deployed: the real functions and client behind serve() (as in
 * app/api/inngest/route.ts), run by the embedded executor on their cron ticks (the clock is moved).
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;
let a: Tenant;
let star: { pieceId: string; publicationId: string };

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTenant(t.db, "flywheel-a");
  for (const id of ORDINARY_POSTS) await createPostedPublication(t.db, a, id);
  star = await createPostedPublication(t.db, a, STAR_POST, { title: "The star post" });
  server = await startAppServer();
  process.env.APP_URL = server.origin;
  delete process.env.INNGEST_DEV;
  resetEnvCache();
  // The real client and serve() with the executor-token guard, serving only this part's functions
  // (other teams' cron functions would otherwise tick too when the clock moves).
  const { serve } = await import("inngest/next");
  const { inngest } = await import("@/inngest/client");
  const { guardServe } = await import("@/lib/workflows/serve-guard");
  const { mkt108CollectMetrics } = await import("@/inngest/functions/content-flywheel/mkt-108-collect-metrics");
  const { mkt109DetectSignals } = await import("@/inngest/functions/content-flywheel/mkt-109-detect-signals");
  const handler = serve({ client: inngest, functions: [mkt108CollectMetrics, mkt109DetectSignals] });
  server.setHandlers({ GET: guardServe(handler.GET), POST: guardServe(handler.POST), PUT: guardServe(handler.PUT) } as never);
  const { executorToken } = await import("@/lib/workflows/secrets");
  executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, serveToken: executorToken(), awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
});
afterAll(async () => {
  resetClock();
  await executor?.stop(2_000);
  await server?.close();
  await t?.cleanup();
  delete process.env.APP_URL;
  resetEnvCache();
});

const schedule = (fn: string) => t.db.runtimeSchedule.findFirstOrThrow({ where: { functionId: `marketing-engine-${fn}` } });
const FN_109 = "marketing-engine-mkt-109-detect-signals";
const ended109 = async () => (await runsOf(t.db, FN_109)).filter((r) => r.status !== "QUEUED" && r.status !== "RUNNING");
const eventsNamed = (name: string) => t.db.runtimeEvent.findMany({ where: { name }, orderBy: { receivedAt: "asc" } });

describe("content flywheel functions on the embedded executor", () => {
  it("both are registered in inngest/index.ts (served by app/api/inngest/route.ts)", async () => {
    const { functions } = await import("@/inngest");
    expect(functions.map((f) => f.id())).toEqual(expect.arrayContaining(["mkt-108-collect-metrics", "mkt-109-detect-signals"]));
  });

  it("MKT-108 runs every 2 hours and MKT-109 every 6 hours (UTC)", async () => {
    expect((await schedule("mkt-108-collect-metrics")).nextAt.getUTCHours() % 2).toBe(0);
    expect((await schedule("mkt-109-detect-signals")).nextAt.getUTCHours() % 6).toBe(0);
  });

  it("MKT-108 on its tick stores snapshots and emits content/metrics.collected for the organisation", async () => {
    setClockTo(new Date((await schedule("mkt-108-collect-metrics")).nextAt.getTime() + 500));
    const [run] = await ended(t.db, "marketing-engine-mkt-108-collect-metrics");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toMatchObject({ organizations: 1, snapshots: 7, failed: 0 });
    expect(await t.db.contentMetricSnapshot.count({ where: { organizationId: a.orgId } })).toBe(7);
    const [ev] = await eventsNamed("content/metrics.collected");
    expect(ev!.organizationId).toBe(a.orgId);
    expect((ev!.data as { publicationIds: string[] }).publicationIds).toHaveLength(7);
  });

  it("MKT-109 on its tick signals the outperforming post once, emits signal/content.detected and notifies", async () => {
    // When the test runs between 04:00 and 06:00 UTC (say), MKT-108's tick is also MKT-109's: that
    // run raced MKT-108 and may or may not have seen the metrics. Count every run's signals.
    const before = (await ended109()).length;
    setClockTo(new Date((await schedule("mkt-109-detect-signals")).nextAt.getTime() + 500));
    const runs = await ended(t.db, FN_109, before + 1);
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => "COMPLETED"));
    expect(runs.reduce((n, r) => n + (r.output as { signals: number }).signals, 0)).toBe(1);
    expect(runs.some((r) => (r.output as { organizations: number }).organizations === 1)).toBe(true);
    const signals = await t.db.contentSignal.findMany({ where: { organizationId: a.orgId } });
    expect(signals.map((s) => s.publicationId)).toEqual([star.publicationId]);
    const events = await eventsNamed("signal/content.detected");
    expect(events).toHaveLength(1);
    expect(events[0]!.organizationId).toBe(a.orgId);
    expect(events[0]!.data).toMatchObject({ signalId: signals[0]!.id, publicationId: star.publicationId, contentPieceId: star.pieceId, platform: "LINKEDIN" });
    const notes = await t.db.notification.findMany({ where: { organizationId: a.orgId, type: "signal.detected" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.actionUrl).toBe(`/flywheel-a/content/${star.pieceId}`);
  });

  it("the next MKT-109 tick adds no signal, event or notification", async () => {
    const before = (await ended109()).length;
    setClockTo(new Date((await schedule("mkt-109-detect-signals")).nextAt.getTime() + 500));
    await ended(t.db, FN_109, before + 1);
    await idle(t.db);
    expect(await t.db.contentSignal.count()).toBe(1);
    expect(await eventsNamed("signal/content.detected")).toHaveLength(1);
    expect(await t.db.notification.count({ where: { type: "signal.detected" } })).toBe(1);
  });

  it("a signal whose run gave up on sending it is announced by the next tick, once", async () => {
    const g = await createTenant(t.db, "flywheel-giveup");
    for (const id of ORDINARY_POSTS) await createPostedPublication(t.db, g, id);
    const winner = await createPostedPublication(t.db, g, STAR_POST);
    await collectMetrics({ organizationId: g.orgId });
    // The executor's event store refuses signal/content.detected (a real PostgreSQL error): the run's
    // send step fails its 4 attempts and the run fails, after its detect step committed the signal.
    await t.db.$executeRawUnsafe(`CREATE FUNCTION refuse_signal_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'signal/content.detected' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_signal_event BEFORE INSERT ON runtime_events FOR EACH ROW EXECUTE FUNCTION refuse_signal_event()`);
    let before = (await ended109()).length;
    try {
      setClockTo(new Date((await schedule("mkt-109-detect-signals")).nextAt.getTime() + 500));
      const runs = await ended(t.db, FN_109, before + 1, 60_000);
      expect(runs.map((r) => r.status)).toContain("FAILED");
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_signal_event ON runtime_events`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION refuse_signal_event()`);
    }
    const [signal] = await t.db.contentSignal.findMany({ where: { organizationId: g.orgId } });
    expect(signal!.publicationId).toBe(winner.publicationId);
    const sentFor = async () => (await eventsNamed("signal/content.detected")).filter((e) => (e.data as { signalId: string }).signalId === signal!.id);
    expect(await sentFor()).toHaveLength(0);
    expect(await t.db.notification.count({ where: { organizationId: g.orgId, type: "signal.detected" } })).toBe(0);

    // The next tick (a new run) hands it on: sent under signal-<id>, notified, marked announced.
    before = (await ended109()).length;
    setClockTo(new Date((await schedule("mkt-109-detect-signals")).nextAt.getTime() + 500));
    const [next] = (await ended(t.db, FN_109, before + 1, 60_000)).slice(before);
    expect(next!.status).toBe("COMPLETED");
    const sent = await sentFor();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.externalId).toBe(`signal-${signal!.id}`);
    expect(await t.db.notification.count({ where: { organizationId: g.orgId, type: "signal.detected" } })).toBe(1);
    expect((await t.db.contentSignal.findUniqueOrThrow({ where: { id: signal!.id } })).announcedAt).not.toBeNull();

    // And the tick after announces nothing again.
    before = (await ended109()).length;
    setClockTo(new Date((await schedule("mkt-109-detect-signals")).nextAt.getTime() + 500));
    await ended(t.db, FN_109, before + 1, 60_000);
    await idle(t.db);
    expect(await sentFor()).toHaveLength(1);
    expect(await t.db.contentSignal.count({ where: { organizationId: g.orgId } })).toBe(1);
    expect(await t.db.notification.count({ where: { organizationId: g.orgId, type: "signal.detected" } })).toBe(1);
  });
});
