import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

const TERMINAL = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * `PrismaPg` that gives a transaction's connection back to the pool when its COMMIT or ROLLBACK fails.
 *
 * Prisma 6.19's transaction manager (client-engine-runtime, `#closeTransaction`) sends COMMIT/ROLLBACK
 * through the transaction and calls `commit()`/`rollback()` (which release the `pg` client) only if
 * that statement succeeded. When PostgreSQL restarts under load, every transaction open at that
 * moment fails, its ROLLBACK fails on the dead socket, and its client stays checked out of the pool
 * forever: measured, 1-2 of 6 slots lost per outage, and `$disconnect` (pool.end) then waits for them
 * forever (issue 18). Here a failed COMMIT/ROLLBACK releases the client with the error, so the pool
 * destroys it; releasing is made idempotent for that checkout, so a Prisma that does call `rollback()`
 * after a failed COMMIT (newer versions) is not a double release.
 */
export class ReleasingPrismaPg extends PrismaPg {
  private pool: pg.Pool | undefined;

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    this.pool = adapter.underlyingDriver() as pg.Pool;
    // As in sqlPool() and the executor's pool: a client checked out when the server goes away can
    // emit 'error' with no listener (seen 1 run in 4 of postgres-pool.test.ts: 57P01 on a client between
    // queries), which crashes the process. The statement in flight still rejects, and the pool discards
    // the client on release (it is no longer queryable).
    this.pool.on("connect", (client) => client.on("error", () => undefined));
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => guard(await start(isolationLevel));
    return adapter;
  }

  /** The pool's counts once connected (tests and diagnostics: a connection checked out is `total - idle`). */
  poolCounts(): { total: number; idle: number; waiting: number } | undefined {
    return this.pool && { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }
}

function guard(tx: Tx): Tx {
  const conn = (tx as unknown as { client?: pg.PoolClient }).client;
  if (typeof conn?.release !== "function") return tx;
  const release = conn.release.bind(conn);
  let released = false;
  // pg-pool assigns a fresh `release` on every checkout, so this wrapper lives only as long as this transaction holds the client.
  conn.release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    release(err);
  };
  // One statement at a time, in the order asked. Prisma's query interpreter sends the parts of a plan
  // side by side (Promise.all over a join's children); on the transaction's one client pg 8 queues
  // them and warns that pg 9 will refuse it ("client is already executing a query"). The order and
  // the results are the same: pg ran them one after the other anyway.
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => undefined);
    return result;
  };
  const queryRaw = tx.queryRaw.bind(tx);
  tx.queryRaw = (query) => inTurn(() => queryRaw(query));
  const executeRaw = tx.executeRaw.bind(tx);
  tx.executeRaw = (query) =>
    inTurn(async () => {
      try {
        return await executeRaw(query);
      } catch (err) {
        if (TERMINAL.test(query.sql)) conn.release(err instanceof Error ? err : true);
        throw err;
      }
    });
  return tx;
}
