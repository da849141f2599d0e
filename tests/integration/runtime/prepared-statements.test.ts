import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDb, type EmbeddedDb } from "@/lib/db/embedded";
import { createPool, query, transaction, type Pool } from "@/lib/runtime/sql";
import { createTestDatabase, freePort, type TestDatabase } from "@/tests/helpers/db";

/**
 * lib/runtime/sql.ts prepares a statement text once it has been sent a few times (named statements:
 * parsed and planned once per connection). On PostgreSQL the names show up in each connection's
 * pg_prepared_statements; on PGlite, whose connections share one backend (and so one set of
 * prepared statements), nothing is named: a second connection preparing the same name would fail.
 */
let database: TestDatabase;
let embedded: EmbeddedDb;
let pool: Pool;
let embeddedPool: Pool;

beforeAll(async () => {
  database = await createTestDatabase({ install: false });
  embedded = await startEmbeddedDb({ port: await freePort() });
  pool = createPool(database.url, 4);
  embeddedPool = createPool(embedded.url, 4);
});
afterAll(async () => {
  await pool.end();
  await embeddedPool.end();
  await embedded.stop();
  await database.cleanup();
});

const burst = (p: Pool, text: string, n = 40) =>
  Promise.all([
    ...Array.from({ length: n }, (_, i) => query<{ v: number }>(p, text, i).then((r) => expect(r[0]!.v).toBe(i + 1))),
    ...Array.from({ length: 8 }, (_, i) => transaction(p, (tx) => query<{ v: number }>(tx, text, i)).then((r) => expect(r[0]!.v).toBe(i + 1))),
  ]);

describe("auto-prepared statements", () => {
  it("are named on PostgreSQL once a text has been sent a few times, with the same results", async () => {
    const text = "SELECT $1::int + 1 AS v /* prepared-test pg */";
    await burst(pool, text);
    await burst(pool, text);
    // A connection that ran it since it was named holds it (prepared statements are per connection).
    const held = await transaction(pool, async (tx) => {
      expect((await query<{ v: number }>(tx, text, 41))[0]!.v).toBe(42);
      return query<{ n: number }>(tx, `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, text);
    });
    expect(held[0]!.n).toBe(1);
  });

  it("are not named on PGlite, whose connections share one backend: concurrent connections all answer", async () => {
    const text = "SELECT $1::int + 1 AS v /* prepared-test pglite */";
    await burst(embeddedPool, text);
    await burst(embeddedPool, text);
    expect(embeddedPool.totalCount).toBeGreaterThan(1);
    const held = await query<{ n: number }>(embeddedPool, `SELECT count(*)::int AS n FROM pg_prepared_statements`);
    expect(held[0]!.n).toBe(0);
  });
});
