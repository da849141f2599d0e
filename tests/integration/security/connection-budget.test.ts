import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeSqlPool, createDb, db, setDb, sqlPool } from "@/lib/db/client";
import { startEmbeddedDb, type EmbeddedDb } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { EMBEDDED_DB_MAX_CONNECTIONS, EMBEDDED_DB_RESERVE, embeddedBudgetProblem, poolSizes } from "@/lib/db/pool-budget";
import { getHealth } from "@/lib/health/get-health";
import { freePort } from "@/tests/helpers/db";

/**
 * Issue 10, row 4: on the embedded database (20 connections) the app's pools could ask for 30 and
 * every /api/health call opened one more: 120 health calls at 60 concurrent -> 13 answered 503
 * "Connection terminated unexpectedly". Every pool now comes from one budget and health borrows a
 * pooled connection.
 */
let embedded: EmbeddedDb;
beforeAll(async () => {
  embedded = await startEmbeddedDb({ port: await freePort() });
  await migrate(embedded.url);
  setDb(createDb(embedded.url));
});
afterAll(async () => {
  await db().$disconnect();
  setDb(undefined);
  await closeSqlPool();
  await embedded.stop();
});

describe("connection budget", () => {
  it("the pools of one process never exceed its budget, and the default budget fits the embedded server", () => {
    for (const total of [5, 8, 12, 14, 40]) {
      for (const here of [true, false]) {
        const s = poolSizes(total, here);
        expect(s.prisma + s.sql + s.executor + s.live, `${total} ${here}`).toBeLessThanOrEqual(total);
        expect(Math.min(s.prisma, s.sql, s.live)).toBeGreaterThanOrEqual(1);
        if (here) expect(s.executor).toBeGreaterThanOrEqual(2);
      }
    }
    expect(embeddedBudgetProblem(12)).toBeNull();
    expect(embeddedBudgetProblem(EMBEDDED_DB_MAX_CONNECTIONS - EMBEDDED_DB_RESERVE + 1)).toMatch(/exceeds/);
  });

  it("120 health checks at 60 concurrent, with app queries alongside, all report the database up", async () => {
    const results: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 60 }, async () => {
        while (next < 120) {
          next++;
          const [h] = await Promise.all([getHealth(), db().user.count(), sqlPool().query("SELECT 1")]);
          results.push(`${h.database.status}:${h.migrations.status}${h.database.detail ? ` ${h.database.detail}` : ""}`);
        }
      }),
    );
    expect(results).toHaveLength(120);
    expect(results.filter((r) => !r.startsWith("ok:ok"))).toEqual([]);
  });
});
