import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renewLeases } from "@/lib/runtime/queue";
import { createPool, exec, query, type Pool } from "@/lib/runtime/sql";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * The heartbeat renews a worker's leases without waiting for a row another statement holds. It
 * used to lock every row of the worker in the table's order, while a checkpoint group locks its
 * rows in id order: the two deadlocked, and each deadlock stopped a group of runs for PostgreSQL's
 * deadlock_timeout (1 s; seen in bench:runtime and in the server's log, 2026-12-05).
 */
let database: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 4);
});
afterAll(async () => {
  await pool?.end();
  await database?.cleanup();
});

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe("the heartbeat (renewLeases)", () => {
  it("renews by id; skips a row held by another statement, still counts it as ours, and renews it at the next beat", async () => {
    for (const [id, owner] of [
      ["q1", "w1"],
      ["q2", "w1"],
      ["q3", "w1"],
      ["q4", "w2"],
      ["q5", "w1"],
    ])
      await exec(
        pool,
        `INSERT INTO runtime_queue (id, kind, "availableAt", "createdAt", "leaseOwner", "leasedUntil") VALUES ($1, 'CALL', $2, $2, $3, $2)`,
        id,
        at(0),
        owner,
      );
    // Another statement (a checkpoint group, a commit) holds q2 and keeps it.
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM runtime_queue WHERE id = 'q2' FOR UPDATE`);
      // By id: q4 is another worker's, q5 one w1 does not name (not renewed, not scanned for).
      const beat = renewLeases(pool, "w1", at(3_000), ["q1", "q2", "q3", "q4"]);
      const answer = await Promise.race([beat, new Promise<"waited">((r) => setTimeout(() => r("waited"), 2_000))]);
      expect(answer).not.toBe("waited");
      expect([...(answer as Set<string>)].sort()).toEqual(["q1", "q2", "q3"]);
      const rows = await query<{ id: string; leasedUntil: Date }>(pool, `SELECT id, "leasedUntil" FROM runtime_queue ORDER BY id`);
      expect(rows.map((r) => [r.id, r.leasedUntil.getTime() - at(0).getTime()])).toEqual([
        ["q1", 3_000],
        ["q2", 0],
        ["q3", 3_000],
        ["q4", 0],
        ["q5", 0],
      ]);
      // The holder gives q3 away (a takeover committed): the next beat no longer counts it as ours.
      await holder.query(`UPDATE runtime_queue SET "leaseOwner" = 'w2' WHERE id = 'q3'`);
      await holder.query("COMMIT");
    } finally {
      holder.release();
    }
    expect([...(await renewLeases(pool, "w1", at(4_000), ["q1", "q2", "q3"]))].sort()).toEqual(["q1", "q2"]);
    const [q2] = await query<{ leasedUntil: Date }>(pool, `SELECT "leasedUntil" FROM runtime_queue WHERE id = 'q2'`);
    expect(q2!.leasedUntil.getTime() - at(0).getTime()).toBe(4_000);
  });
});
