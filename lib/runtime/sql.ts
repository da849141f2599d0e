import pg from "pg";
import type { Db, Prisma } from "@/lib/db/client";

/**
 * Raw SQL for the executor. Its hot path (claim, commit, heartbeat) runs on its own `pg` pool:
 * measured on this stack, a Prisma raw query costs ~0.55 ms and a 2-query interactive transaction
 * ~1.8 ms, against ~0.1 ms and ~0.2 ms with `pg` directly, and the executor does several of each
 * per step. The same helpers accept a Prisma client or transaction, for code that runs inside
 * the app (the event API) and for tests.
 */
export type Sql = Db | Prisma.TransactionClient | pg.Pool | pg.PoolClient;
export type Tx = Prisma.TransactionClient | pg.PoolClient;
export type Pool = pg.Pool;

function isPrisma(sql: Sql): sql is Db | Prisma.TransactionClient {
  return "$queryRawUnsafe" in sql;
}

export async function query<T>(sql: Sql, text: string, ...params: unknown[]): Promise<T[]> {
  if (isPrisma(sql)) return sql.$queryRawUnsafe<T[]>(text, ...params);
  return (await sql.query(text, params)).rows as T[];
}

export async function exec(sql: Sql, text: string, ...params: unknown[]): Promise<number> {
  if (isPrisma(sql)) return sql.$executeRawUnsafe(text, ...params);
  return (await sql.query(text, params)).rowCount ?? 0;
}

/** Short transactions only: never hold one across an HTTP call (PGlite serialises them). */
export async function transaction<T>(db: Db | pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isPrisma(db)) return (db as Db).$transaction((tx) => fn(tx), { maxWait: 15_000, timeout: 30_000 });
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}

export function createPool(connectionString: string, max: number, onError?: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server must not crash the process.
  pool.on("error", (err) => onError?.(err));
  return pool;
}

export const json = (v: unknown): string => JSON.stringify(v ?? null);
