import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedOrg } from "@/tests/integration/approvals/support";

/**
 * Issue 14, retention: agent messages and live events older than 90 days move to storage as gzip
 * JSON lines (local storage here, the embedded default), newer ones stay; a second run finds nothing;
 * the restore script's function puts the same rows back, field for field.
 */
let t: TestDatabase;
let dataDir: string;
let archive: typeof import("@/lib/observability/archive");
let storage: typeof import("@/lib/providers/storage").storage;
const DAY = 86_400_000;
const now = new Date("2026-12-04T04:15:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-archive-"));
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  archive = await import("@/lib/observability/archive");
  storage = (await import("@/lib/providers/storage")).storage;
}, 60_000);
afterAll(async () => {
  delete process.env.DATA_DIR;
  resetEnvCache();
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

describe("90-day retention of agent messages and live events", () => {
  it("moves only rows older than 90 days, in files of at most `batch` rows, and restores them as they were", async () => {
    const o = await seedOrg(t.db);
    const message = (i: number, age: number) =>
      t.db.agentMessage.create({ data: { organizationId: o.orgId, channel: "signal/content.detected", eventId: `ev-${i}`, producer: "mkt-109", consumer: "mkt-202", payload: { n: i, text: "Ségou, été" }, correlationId: `c-${i}`, createdAt: new Date(now.getTime() - age * DAY) } });
    const old = [await message(1, 120), await message(2, 100), await message(3, 91)];
    const recent = await message(4, 89);
    const liveOld = [
      await t.db.liveEvent.create({ data: { organizationId: o.orgId, type: "lead.received", payload: { leadId: "l1" }, createdAt: new Date(now.getTime() - 95 * DAY) } }),
      await t.db.liveEvent.create({ data: { organizationId: o.orgId, type: "content.published", payload: { id: "p1" }, createdAt: new Date(now.getTime() - 93 * DAY) } }),
    ];
    const liveRecent = await t.db.liveEvent.create({ data: { organizationId: o.orgId, type: "lead.received", payload: { leadId: "l2" }, createdAt: new Date(now.getTime() - DAY) } });

    expect(await archive.archiveOldRows({ now, batch: 2 })).toEqual({ agent_messages: { files: 2, rows: 3 }, live_events: { files: 1, rows: 2 } });
    expect((await t.db.agentMessage.findMany({ where: { organizationId: o.orgId } })).map((m) => m.id)).toEqual([recent.id]);
    expect((await t.db.liveEvent.findMany({ where: { organizationId: o.orgId } })).map((e) => e.id)).toEqual([liveRecent.id]);

    const files = await t.db.archiveFile.findMany({ orderBy: [{ tableName: "asc" }, { fromCreatedAt: "asc" }] });
    expect(files.map((f) => [f.tableName, f.rows])).toEqual([["agent_messages", 2], ["agent_messages", 1], ["live_events", 2]]);
    const first = await storage().get(files[0]!.key);
    const lines = gunzipSync(Buffer.from(await new Response(first!.body).arrayBuffer())).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; payload: unknown });
    expect(lines.map((l) => l.id)).toEqual([old[0]!.id, old[1]!.id]);
    expect(lines[0]!.payload).toEqual({ n: 1, text: "Ségou, été" });

    // Nothing left to move.
    expect(await archive.archiveOldRows({ now, batch: 2 })).toEqual({ agent_messages: { files: 0, rows: 0 }, live_events: { files: 0, rows: 0 } });

    expect(await archive.restoreArchive({ table: "agent_messages" })).toEqual({ files: 2, rows: 3 });
    const back = await t.db.agentMessage.findMany({ where: { id: { in: old.map((m) => m.id) } }, orderBy: { createdAt: "asc" } });
    expect(back).toEqual(old);
    expect(await archive.restoreArchive({ table: "live_events" })).toEqual({ files: 1, rows: 2 });
    expect(await t.db.liveEvent.findMany({ where: { id: { in: liveOld.map((e) => e.id) } }, orderBy: { id: "asc" } })).toEqual(liveOld);
    // Restoring again changes nothing (rows present are left as they are).
    expect((await archive.restoreArchive({})).rows).toBe(0);
  });
});
