import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, dbPoolCounts, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/tests/helpers/db";
import { startPrivatePostgres, type PrivatePostgres } from "./private-postgres";

/**
 * Issue 18, faults: no pool connection is lost to a PostgreSQL restart. Transactions open when the
 * server stops fail, and so does their ROLLBACK on the dead socket; Prisma 6.19 released the
 * connection only after a successful ROLLBACK, so 1-2 of the 6 stayed checked out for good and
 * `$disconnect` waited for them forever (lib/db/pg-adapter.ts). A private server, as in
 * postgres-restart.test.ts.
 */
let pg: PrivatePostgres | undefined;
let db: Db | undefined;

beforeAll(async () => {
  pg = await startPrivatePostgres(await freePort());
  if (pg) await migrate(pg.url);
}, 120_000);

afterAll(async () => {
  // Bounded only so that a regression fails the assertions below instead of hanging the run.
  await Promise.race([db?.$disconnect(), new Promise((r) => setTimeout(r, 5_000).unref())]);
  await pg?.destroy();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("PostgreSQL restarted under transactions", () => {
  it("every pool connection is idle again afterwards and $disconnect is prompt", { timeout: 90_000 }, async (ctx) => {
    if (!pg) return ctx.skip();
    const client = createDb(pg.url, 6);
    db = client;
    let stop = false;
    let okAfter = 0;
    let failed = 0;
    let restarted = false;
    // More workers than connections, so the pool is full and queued when the server goes away.
    const worker = async (i: number) => {
      while (!stop) {
        try {
          if (i % 4 === 3) await client.organization.findMany({ take: 1, select: { id: true } });
          else
            await client.$transaction(async (tx) => {
              await tx.$queryRaw`SELECT 1`;
              await tx.$queryRaw`SELECT pg_sleep(0.02)`;
            });
          if (restarted) okAfter++;
        } catch {
          failed++;
          await sleep(50);
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i));
    await sleep(1_000);
    await pg.stop();
    await sleep(2_000);
    await pg.start();
    restarted = true;
    const since = Date.now();
    while (okAfter < 20 && Date.now() - since < 20_000) await sleep(100);
    stop = true;
    await Promise.all(workers);
    expect(failed, "the outage was felt").toBeGreaterThan(0);
    expect(okAfter, "queries succeed again after the restart").toBeGreaterThanOrEqual(20);

    const checkedOut = () => {
      const c = dbPoolCounts(client)!;
      return c.total - c.idle;
    };
    await expect.poll(checkedOut, { timeout: 3_000, interval: 100 }).toBe(0);
    expect(dbPoolCounts(client)!.waiting).toBe(0);

    const t0 = Date.now();
    const closed = await Promise.race([client.$disconnect().then(() => "closed"), sleep(5_000).then(() => "hang")]);
    expect(closed).toBe("closed");
    expect(Date.now() - t0).toBeLessThan(2_000);
    db = undefined;
    console.log(`faults/postgres-pool: ${failed} failed during the outage, ${okAfter} succeeded after; $disconnect in ${Date.now() - t0} ms`);
  });
});
