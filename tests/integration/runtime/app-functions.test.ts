import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { resetEnvCache } from "@/lib/env";
import { resetClock, setClockTo } from "@/lib/runtime/clock";
import { Executor } from "@/lib/runtime/executor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { ended, FAST, quietLogger, startAppServer, type AppServer } from "./harness";

/**
 * The app's own functions (inngest/index.ts) two ways: their logic with @inngest/test, and the
 * runtime through the real route module (app/api/inngest/route.ts) and the real client
 * (inngest/client.ts, configured for the embedded executor by lib/workflows/config.ts).
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;
let app: typeof import("@/inngest");
let clientModule: typeof import("@/inngest/client");

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startAppServer();
  // The client reads its settings at import: point APP_URL at this server first.
  process.env.APP_URL = server.origin;
  delete process.env.INNGEST_DEV;
  resetEnvCache();
  const route = await import("@/app/api/inngest/route");
  server.setHandlers({ GET: route.GET, POST: route.POST, PUT: route.PUT } as never);
  app = await import("@/inngest");
  clientModule = await import("@/inngest/client");
  const { executorToken } = await import("@/lib/workflows/secrets");
  executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, serveToken: executorToken(), awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
});
afterAll(async () => {
  await executor?.stop(2_000);
  await server?.close();
  await t?.cleanup();
  delete process.env.APP_URL;
  resetEnvCache();
});

describe("app functions: logic (@inngest/test)", () => {
  it("sys-001-ping answers with a pong for the organisation", async () => {
    const { sys001Ping } = await import("@/inngest/functions/system/sys-001-ping");
    const engine = new InngestTestEngine({
      function: sys001Ping,
      events: [{ name: "system/ping.requested", data: { organizationId: "org_1", message: "hi" } }],
    });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ pong: true, message: "hi", organizationId: "org_1" });
  });

  it("sys-002-runtime-retention purges ended runs older than 30 days only", async () => {
    const { sys002RuntimeRetention } = await import("@/inngest/functions/system/sys-002-runtime-retention");
    const old = new Date(Date.now() - 40 * 86_400_000);
    const base = { functionId: "x", event: {}, createdAt: old, updatedAt: old };
    await t.db.runtimeRun.createMany({
      data: [
        { ...base, id: "old-done", status: "COMPLETED", endedAt: old },
        { ...base, id: "old-running", status: "RUNNING" },
        { ...base, id: "new-done", status: "COMPLETED", endedAt: new Date() },
      ],
    });
    const engine = new InngestTestEngine({
      function: sys002RuntimeRetention,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 30 3 * * *" } }],
    });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ runs: 1 });
    const left = await t.db.runtimeRun.findMany({ where: { functionId: "x" }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual(["new-done", "old-running"]);
  });
});

describe("app functions: runtime (embedded executor over HTTP)", () => {
  it("syncs every function of inngest/index.ts, with the cron schedule", async () => {
    const fns = await t.db.runtimeFunction.findMany({ select: { id: true, url: true } });
    // A function with onFailure also registers its "<id>-failure" handler.
    const expected = app.functions.flatMap((f) => {
      const id = `marketing-engine-${f.id()}`;
      return "onFailure" in f.opts && f.opts.onFailure ? [id, `${id}-failure`] : [id];
    });
    expect(fns.map((f) => f.id).sort()).toEqual(expected.sort());
    expect(fns.every((f) => f.url.startsWith(`${server.serveUrl}?fnId=`))).toBe(true);
    expect(await t.db.runtimeSchedule.count({ where: { functionId: "marketing-engine-sys-002-runtime-retention" } })).toBe(1);
  });

  it("the serve route refuses callers without the executor token (the SDK runs in dev mode)", async () => {
    const ev = { name: "system/ping.requested", data: { message: "forged" }, ts: Date.now() };
    const body = JSON.stringify({
      event: ev,
      events: [ev],
      steps: {},
      ctx: { run_id: "x", attempt: 0, max_attempts: 1, stack: { stack: [], current: 0 } },
      version: 2,
    });
    const url = `${server.serveUrl}?fnId=marketing-engine-sys-001-ping&stepId=step`;
    for (const auth of [undefined, "Bearer nope"]) {
      const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) } });
      expect(res.status).toBe(401);
    }
    expect(
      (await fetch(server.serveUrl, { method: "PUT", body: JSON.stringify({ url: server.serveUrl }), headers: { "x-inngest-sync-kind": "in_band" } })).status,
    ).toBe(401);
  });

  it("runs sys-001-ping from inngest.send() through the real route and client", async () => {
    await clientModule.inngest.send({ name: "system/ping.requested", data: { organizationId: "org_9", message: "ping" } });
    const [run] = await ended(t.db, "marketing-engine-sys-001-ping");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.organizationId).toBe("org_9");
    expect(run!.output).toMatchObject({ pong: true, message: "ping", organizationId: "org_9" });
  });

  it("runs sys-002-runtime-retention on its cron tick", async () => {
    const schedule = await t.db.runtimeSchedule.findFirstOrThrow({ where: { functionId: "marketing-engine-sys-002-runtime-retention" } });
    expect(schedule.nextAt.toISOString()).toMatch(/T03:30:00.000Z$/);
    setClockTo(new Date(schedule.nextAt.getTime() + 500));
    const [run] = await ended(t.db, "marketing-engine-sys-002-runtime-retention");
    expect(run!.status).toBe("COMPLETED");
    expect(run!.output).toMatchObject({ runs: expect.any(Number), events: expect.any(Number), keys: expect.any(Number) });
    resetClock();
  });

  it("rejects an event that fails the function's schema (the SDK validates it)", async () => {
    await clientModule.inngest.send({ name: "system/ping.requested", data: { message: 42 } } as never).catch(() => undefined);
    const runs = await ended(t.db, "marketing-engine-sys-001-ping", 2);
    const bad = runs.find((r) => (r.event.data as { message?: unknown }).message === 42);
    expect(bad?.status).toBe("FAILED");
  });
});
