import { afterAll, beforeAll, expect, it } from "vitest";
import { closeSqlPool, createDb, db, setDb } from "@/lib/db/client";
import { startEmbeddedDb, type EmbeddedDb } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import type { LiveEventMessage } from "@/lib/live/types";
import { LiveHub, readLiveEvents } from "@/lib/live/hub";
import { publishLiveEvent } from "@/lib/live/publish";
import { sqlPool } from "@/lib/db/client";
import { freePort } from "@/tests/helpers/db";

/** The embedded database (PGlite over its socket server): the hub polls the log every 500 ms. */
let embedded: EmbeddedDb;
let hub: LiveHub;
beforeAll(async () => {
  embedded = await startEmbeddedDb({ port: await freePort() });
  await migrate(embedded.url);
  setDb(createDb(embedded.url, 3));
  hub = new LiveHub({ url: () => embedded.url, mode: () => "poll" });
});
afterAll(async () => {
  await hub.close();
  await db().$disconnect();
  setDb(undefined);
  await closeSqlPool();
  await embedded.stop();
});

it("publishes in a transaction and delivers by polling on the embedded database, in id order, to that organisation only", async () => {
  const [a, b] = await Promise.all(["emb-a", "emb-b"].map((slug) => db().organization.create({ data: { slug, name: slug } })));
  const got: Record<string, LiveEventMessage[]> = { a: [], b: [] };
  const subA = await hub.subscribe(a!.id, (e) => got.a!.push(e));
  const subB = await hub.subscribe(b!.id, (e) => got.b!.push(e));
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push(await db().$transaction((tx) => publishLiveEvent(tx, { organizationId: a!.id, type: "approval.decided", payload: { i } })));
  ids.push(await publishLiveEvent(sqlPool(), { organizationId: a!.id, type: "lead.received" }));
  // Rolled back: never stored, never delivered.
  await db()
    .$transaction(async (tx) => {
      await publishLiveEvent(tx, { organizationId: a!.id, type: "lead.received", payload: { rolledBack: true } });
      throw new Error("rollback");
    })
    .catch(() => undefined);
  const deadline = Date.now() + 3_000;
  while (got.a!.length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(got.a!.map((e) => e.id)).toEqual(ids);
  expect(got.b).toEqual([]);
  expect((await readLiveEvents(sqlPool(), { organizationId: a!.id, afterId: ids[9]!, limit: 10 })).map((e) => e.id)).toEqual(ids.slice(10));
  subA.unsubscribe();
  subB.unsubscribe();
});
