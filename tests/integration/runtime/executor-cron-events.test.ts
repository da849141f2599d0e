import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inngest } from "inngest";
import { fromWallClock, setClockTo } from "@/lib/runtime/clock";
import { embeddedEventKey } from "@/lib/workflows/secrets";
import { ended, idle, runsOf, startHarness, until, type Harness } from "./harness";

/**
 * Cron triggers with a time zone at a faked time, and the event API's contract with the SDK.
 */
let h: Harness;

function build(inngest: Inngest) {
  const morning = inngest.createFunction({ id: "paris-morning", triggers: [{ cron: "TZ=Europe/Paris 0 9 * * *" }] }, async ({ event, step }) => {
    return step.run("report", () => ({ name: event.name, ts: event.ts, cron: (event.data as { cron: string }).cron }));
  });
  const listener = inngest.createFunction({ id: "listener", triggers: [{ event: "test/thing.happened" }] }, async ({ event }) => event.data);
  return [morning, listener];
}

beforeAll(async () => {
  // 2026-03-29 is the DST switch in Paris: 09:00 CEST = 07:00Z.
  h = await startHarness(build, { clock: new Date("2026-03-29T06:59:00.000Z") }); // a minute before: slow start-ups never reach 07:00
});
afterAll(async () => {
  await h?.stop();
});

describe("embedded executor: cron", () => {
  it("schedules the next 09:00 Paris time and fires it once when the clock gets there", async () => {
    const [schedule] = await h.db.runtimeSchedule.findMany();
    expect(schedule!.cron).toBe("TZ=Europe/Paris 0 9 * * *");
    expect(schedule!.nextAt.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    await idle(h.db);
    expect(await runsOf(h.db, "test-app-paris-morning")).toHaveLength(0);
    setClockTo(new Date("2026-03-29T07:00:00.500Z"));
    const [run] = await ended(h.db, "test-app-paris-morning");
    expect(run!.output).toEqual({ name: "inngest/scheduled.timer", ts: Date.parse("2026-03-29T07:00:00.000Z"), cron: "TZ=Europe/Paris 0 9 * * *" });
    const next = await until("the schedule to advance", async () => {
      const [s] = await h.db.runtimeSchedule.findMany();
      return s!.nextAt.toISOString() === "2026-03-30T07:00:00.000Z" ? s : undefined;
    });
    expect(next).toBeTruthy();
    await idle(h.db);
    expect(await runsOf(h.db, "test-app-paris-morning")).toHaveLength(1);
  });

  it("keeps its schedule across a re-sync (no repeat, no skip)", async () => {
    await h.executor.syncNow();
    const [s] = await h.db.runtimeSchedule.findMany();
    expect(s!.nextAt.toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });
});

describe("event API", () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.server.origin}/api/runtime/e/${embeddedEventKey()}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("answers {ids, status: 200} after the events are stored", async () => {
    const res = await post([
      { name: "test/thing.happened", data: { a: 1 } },
      { name: "test/thing.happened", data: { a: 2 } },
    ]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ids: string[]; status: number };
    expect(body.status).toBe(200);
    expect(body.ids).toHaveLength(2);
    // Stored before the answer: readable right away.
    expect(await h.db.runtimeEvent.count({ where: { id: { in: body.ids } } })).toBe(2);
    await ended(h.db, "test-app-listener", 2);
  });

  it("stores a retried send (same x-inngest-event-id-seed) once", async () => {
    const seed = `${Date.now()},c2VlZHNlZWRzZQ==`;
    const a = (await (await post({ name: "test/thing.happened", data: { retry: true } }, { "x-inngest-event-id-seed": seed })).json()) as { ids: string[] };
    const b = (await (await post({ name: "test/thing.happened", data: { retry: true } }, { "x-inngest-event-id-seed": seed })).json()) as { ids: string[] };
    expect(b.ids).toEqual(a.ids);
    expect(await h.db.runtimeEvent.count({ where: { id: a.ids[0] } })).toBe(1);
    await ended(h.db, "test-app-listener", 3);
    await idle(h.db);
    expect(await runsOf(h.db, "test-app-listener")).toHaveLength(3);
  });

  it("rejects bad input with a status in the body", async () => {
    const bad = await post([{ data: {} }]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 400, error: expect.stringMatching(/name/) });
    const reserved = await post({ name: "inngest/function.failed", data: {} });
    expect(reserved.status).toBe(400);
    const notJson = await fetch(`${h.server.origin}/api/runtime/e/${embeddedEventKey()}`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
  });

  it("refuses senders without the event key", async () => {
    for (const key of ["NO_EVENT_KEY_SET", "wrong", `${embeddedEventKey()}x`]) {
      const res = await fetch(`${h.server.origin}/api/runtime/e/${key}`, { method: "POST", body: JSON.stringify({ name: "test/thing.happened", data: {} }) });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ status: 401 });
    }
  });

  it("an event with ts in the future starts its runs at that time, not before (Inngest's delayed start)", async () => {
    const ts = Date.now() + 1_500;
    await h.client.send({ name: "test/thing.happened", data: { organizationId: "org_later", n: 1 }, ts });
    const waiting = await until("the run, not started", async () => (await runsOf(h.db, "test-app-listener")).find((r) => r.organizationId === "org_later"));
    expect(waiting.status).toBe("QUEUED");
    const done = await until(
      "the run, completed",
      async () => (await runsOf(h.db, "test-app-listener")).find((r) => r.organizationId === "org_later" && r.status === "COMPLETED"),
      10_000,
    );
    const row = await h.db.runtimeRun.findUniqueOrThrow({ where: { id: done.id } });
    // Not before ts, on the executor's (moved) clock (a slow machine may create the run late, never start it early).
    expect(row.startedAt!.getTime()).toBeGreaterThanOrEqual(fromWallClock(ts).getTime());
  });

  it("stamps the organisation on events and runs", async () => {
    await h.client.send({ name: "test/thing.happened", data: { organizationId: "org_42" } });
    const ev = await until("the event", () => h.db.runtimeEvent.findFirst({ where: { organizationId: "org_42" } }).then((e) => e ?? undefined));
    const runs = await ended(h.db, "test-app-listener", 5);
    expect(runs.some((r) => r.organizationId === "org_42")).toBe(true);
    const processed = await until("processing", () => h.db.runtimeEvent.findUnique({ where: { id: ev.id } }).then((e) => (e?.processedAt ? e : undefined)));
    expect(processed.runIds).toHaveLength(1);
  });
});
