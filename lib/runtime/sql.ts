import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";

/**
 * Raw SQL for the executor, on its own `pg` pool: measured on this stack, a Prisma raw query costs
 * ~0.55 ms and a 2-query interactive transaction ~1.8 ms, against ~0.1 ms and ~0.2 ms with `pg`
 * directly, and the executor runs several per step. The app hands the runtime a pool (or a
 * connection string) when it starts; the runtime never reaches for the app's database client.
 */
export type Pool = pg.Pool;
export type Tx = pg.PoolClient;
export type Sql = pg.Pool | pg.PoolClient;

export async function query<T>(sql: Sql, text: string, ...params: unknown[]): Promise<T[]> {
  return (await send(sql, text, params)).rows as T[];
}

export async function exec(sql: Sql, text: string, ...params: unknown[]): Promise<number> {
  return (await send(sql, text, params)).rowCount ?? 0;
}

/**
 * Auto-prepare, as pgjdbc (`prepareThreshold`) and Npgsql (auto-prepare) do it: a statement text sent
 * PREPARE_AFTER times goes as a named statement from then on, so each connection parses, analyses and
 * plans it once instead of at every execution. Measured on bench:runtime, PostgreSQL spent ~45 % of
 * its CPU there (the executor's statements are CTEs of several parts), and a group of checkpoints cost
 * ~1.1 ms of server CPU unnamed against ~0.7 ms named (ARCHITECTURE.md, "Executor hot path"). The
 * name is derived from the text, so a text always has the same name; at most MAX_PREPARED texts are
 * named (a statement whose text varies with its input stops being prepared once they are used up:
 * the server keeps each connection's prepared statements until it closes). Results are the same
 * either way (PostgreSQL re-plans a prepared statement when the tables it reads change).
 * Not on PGlite (`preparable`): its connections share one backend, hence one set of prepared
 * statements, and a second connection preparing a name fails ("prepared statement … already exists").
 */
const PREPARE_AFTER = 3;
const MAX_PREPARED = 256;
const names = new Map<string, string>();
const uses = new Map<string, number>();

/** The name of a statement text, once it has been sent often enough (undefined before, or past the budget). */
function nameOf(text: string): string | undefined {
  const name = names.get(text);
  if (name !== undefined || names.size >= MAX_PREPARED) return name;
  const n = (uses.get(text) ?? 0) + 1;
  if (n < PREPARE_AFTER) {
    if (uses.size >= 4 * MAX_PREPARED) uses.clear(); // texts built from input: keep the counts bounded
    uses.set(text, n);
    return undefined;
  }
  uses.delete(text);
  const named = `rt_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  names.set(text, named);
  return named;
}

/** Whether the server behind a pool may be given named statements: known after its first answer. */
const servers = new WeakMap<object, boolean | "asking">();
/** The pool a transaction's client came from (`transaction` below). */
const poolOfClient = new WeakMap<object, Pool>();

/**
 * Whether `sql` may be sent named statements. Until its server has answered (one `SELECT version()`
 * per pool, on a connection of its own) statements go unnamed: nobody waits for the answer (a
 * transaction waiting for a connection of an exhausted pool would wait for itself). A client that
 * did not come from `transaction` is not known: unnamed.
 */
function preparable(sql: Sql): boolean {
  // A pool's client has release(); a pool has not (duck-typed: the app may load its own copy of pg).
  const pool = typeof (sql as Partial<Tx>).release === "function" ? poolOfClient.get(sql) : (sql as Pool);
  if (!pool) return false;
  const known = servers.get(pool);
  if (typeof known === "boolean") return known;
  if (known === undefined) {
    servers.set(pool, "asking");
    pool.query<{ v: string }>(`SELECT version() AS v`).then(
      (r) => servers.set(pool, !/PGlite/i.test(r.rows[0]?.v ?? "")),
      () => servers.delete(pool), // asked again next time
    );
  }
  return false;
}

async function send(sql: Sql, text: string, params: unknown[]): Promise<pg.QueryResult> {
  const name = nameOf(text);
  return sql.query(name !== undefined && preparable(sql) ? { name, text, values: params } : { text, values: params });
}

/**
 * A statement the caller wants prepared from its first use (a text built per call site, e.g. the
 * event API's insert with its event): named when the server allows it (see `send`).
 */
export async function preparedQuery<T>(sql: Sql, name: string, text: string, params: unknown[]): Promise<T[]> {
  return (await sql.query<T & pg.QueryResultRow>(preparable(sql) ? { name, text, values: params } : { text, values: params })).rows as T[];
}

/** Short transactions only: never hold one across an HTTP call (PGlite serialises them). */
export async function transaction<T>(db: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  poolOfClient.set(client, db);
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
  // Nor may one checked out (pg-pool removes its idle listener then): the statement in flight rejects,
  // the pool discards the client on release (a PostgreSQL restart crashed the process before).
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}

export const json = (v: unknown): string => JSON.stringify(v ?? null);
