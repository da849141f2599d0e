/**
 * One connection budget per process (DATABASE_POOL_MAX), split between every pool it opens, so that the
 * app never asks the database for more than it allows. The embedded server (PGlite over the wire
 * protocol) accepts EMBEDDED_DB_MAX_CONNECTIONS and drops the connection beyond ("Connection terminated
 * unexpectedly" for whatever query was on it); the web process keeps EMBEDDED_DB_RESERVE of them free for
 * the seed, migrations, `npm run worker` and psql.
 */
export const EMBEDDED_DB_MAX_CONNECTIONS = 20;
export const EMBEDDED_DB_RESERVE = 6;

export type PoolSizes = { prisma: number; sql: number; executor: number; live: number };

/**
 * The pools of one process: Prisma (`db()`), the SQL pool (`sqlPool()`), the embedded executor's when it
 * runs here, and the live stream's one LISTEN connection (lib/live/hub.ts; held only while someone is
 * subscribed, and used for the 500 ms poll on the embedded database).
 */
export function poolSizes(total: number, executorHere: boolean): PoolSizes {
  const budget = Math.max(executorHere ? 5 : 3, Math.floor(total));
  const executor = executorHere ? Math.max(2, Math.round(budget * 0.4)) : 0;
  const sql = Math.max(1, Math.round(budget * 0.2));
  const live = 1;
  return { prisma: budget - executor - sql - live, sql, executor, live };
}

/** Why a budget does not fit the embedded server, or null. */
export function embeddedBudgetProblem(total: number): string | null {
  const max = EMBEDDED_DB_MAX_CONNECTIONS - EMBEDDED_DB_RESERVE;
  return total > max ? `DATABASE_POOL_MAX=${total} exceeds the embedded database's ${EMBEDDED_DB_MAX_CONNECTIONS} connections (at most ${max} for the app)` : null;
}
