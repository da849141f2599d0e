import "server-only";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";
import { poolSizes, type PoolSizes } from "./pool-budget";
import { ReleasingPrismaPg } from "./pg-adapter";

export type Db = InstanceType<typeof PrismaClient>;
export { Prisma } from "./generated/client";

const globalForDb = globalThis as unknown as { __meDb?: Db; __meSql?: { url: string; pool: pg.Pool } };

/** Resolve the connection string: DATABASE_URL, or the embedded PGlite server started by scripts/dev.ts. */
export function databaseUrl(): string {
  const e = env();
  return e.DATABASE_URL ?? `postgresql://postgres@127.0.0.1:${e.EMBEDDED_DB_PORT}/postgres`;
}

/** The connection string each client was made with, so sqlPool() follows setDb(). */
const urls = new WeakMap<object, string>();
const dbUrlOf = (client: Db): string => urls.get(client) ?? databaseUrl();
const adapters = new WeakMap<object, ReleasingPrismaPg>();

/** This process's pool sizes (lib/db/pool-budget.ts): the embedded executor runs here unless another engine or process runs the workflows. */
export function processPoolSizes(): PoolSizes {
  const e = env();
  const otherEngine = Boolean((e.INNGEST_DEV && e.INNGEST_DEV !== "0" && e.INNGEST_DEV !== "false") || e.INNGEST_SIGNING_KEY || e.INNGEST_BASE_URL);
  return poolSizes(e.DATABASE_POOL_MAX, !otherEngine && e.EMBEDDED_EXECUTOR !== "off");
}

export function createDb(connectionString: string = databaseUrl(), max = processPoolSizes().prisma): Db {
  // A failed COMMIT/ROLLBACK (PostgreSQL restarted) gives its connection back: lib/db/pg-adapter.ts.
  const adapter = new ReleasingPrismaPg({ connectionString, max });
  const client = new PrismaClient({ adapter });
  urls.set(client, connectionString);
  adapters.set(client, adapter);
  return client;
}

/** A client's pool counts (undefined before its first query): connections checked out = total - idle. */
export function dbPoolCounts(client: Db): { total: number; idle: number; waiting: number } | undefined {
  return adapters.get(client)?.poolCounts();
}

/** The process-wide Prisma client (kept across Next.js hot reloads). Only lib/ may import it. */
export function db(): Db {
  globalForDb.__meDb ??= createDb();
  return globalForDb.__meDb;
}

/** Tests point the process-wide client at their own database. */
export function setDb(client: Db | undefined): void {
  globalForDb.__meDb = client;
}

/**
 * A plain `pg` pool on the same database, for the few hot paths written in SQL (publishing, the
 * event API): on this stack a Prisma query costs ~1-1.6 ms of CPU (the query compiler runs per
 * call), a `pg` query ~0.1 ms. Everything else uses db(). Follows setDb() in tests.
 */
export function sqlPool(): pg.Pool {
  const url = globalForDb.__meDb ? dbUrlOf(globalForDb.__meDb) : databaseUrl();
  if (globalForDb.__meSql?.url !== url) {
    const old = globalForDb.__meSql?.pool;
    void old?.end().catch(() => undefined);
    const pool = new pg.Pool({ connectionString: url, max: processPoolSizes().sql, idleTimeoutMillis: 30_000 });
    pool.on("error", () => undefined);
    // A client checked out of the pool has no 'error' listener (pg-pool removes its idle one): the
    // server dropping it mid-transaction (PostgreSQL restarted) emitted an unhandled 'error' that
    // crashed the process. The statement in flight still rejects; the pool discards the client on release.
    pool.on("connect", (client) => client.on("error", () => undefined));
    globalForDb.__meSql = { url, pool };
  }
  return globalForDb.__meSql.pool;
}

/** The connection string of the process-wide client (follows setDb()), for connections made outside the pools (lib/live's LISTEN). */
export function currentDatabaseUrl(): string {
  return globalForDb.__meDb ? dbUrlOf(globalForDb.__meDb) : databaseUrl();
}

/** Close the pool (tests, before dropping their database). */
export async function closeSqlPool(): Promise<void> {
  const current = globalForDb.__meSql;
  globalForDb.__meSql = undefined;
  await current?.pool.end().catch(() => undefined);
}
