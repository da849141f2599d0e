import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startEmbeddedDb, type EmbeddedDb } from "@/lib/db/embedded";
import { freePort } from "@/tests/helpers/db";

/**
 * The embedded database serves several connections (Next.js pool, executor pool, seed, worker).
 * Concurrent parameterised queries on different connections must each get their own result: the
 * extended-query protocol (Parse/Bind/Execute/Sync) of one connection must not interleave with
 * another's (pglite-socket only keeps connections apart inside transactions).
 */
let embedded: EmbeddedDb;
let pool: pg.Pool;

beforeAll(async () => {
  embedded = await startEmbeddedDb({ port: await freePort() });
  pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
});
afterAll(async () => {
  await pool.end();
  await embedded.stop();
});

describe("embedded PostgreSQL (PGlite over the wire protocol)", () => {
  it("keeps concurrent parameterised queries of different connections apart", async () => {
    const queries = Array.from({ length: 300 }, (_, i) =>
      i % 2 === 0
        ? pool.query<{ v: number }>("SELECT $1::int + $2::int AS v", [i, 1]).then((r) => expect(r.rows[0]!.v).toBe(i + 1))
        : pool.query<{ v: string }>("SELECT $1::text || $2::text || $3::text || $4::text || $5::text AS v", [`q${i}`, "-", "a", "-", "b"]).then((r) => expect(r.rows[0]!.v).toBe(`q${i}-a-b`)),
    );
    await Promise.all(queries);
  });

  it("still serialises a transaction against other connections", async () => {
    await pool.query("CREATE TABLE IF NOT EXISTS counter (id int PRIMARY KEY, n int NOT NULL)");
    await pool.query("INSERT INTO counter VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0");
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const c = await pool.connect();
        try {
          await c.query("BEGIN");
          const { rows } = await c.query<{ n: number }>("SELECT n FROM counter WHERE id = $1", [1]);
          await c.query("UPDATE counter SET n = $1 WHERE id = $2", [rows[0]!.n + 1, 1]);
          await c.query("COMMIT");
        } finally {
          c.release();
        }
      }),
    );
    expect((await pool.query<{ n: number }>("SELECT n FROM counter WHERE id = 1")).rows[0]!.n).toBe(20);
  });
});
