import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import { closeSqlPool, createDb, setDb, type Db } from "@/lib/db/client";
import { startEmbeddedDb } from "@/lib/db/embedded";
import { listMigrations, migrate } from "@/lib/db/migrate";

/**
 * Real PostgreSQL for integration tests, one database per test file:
 * - DATABASE_URL set (CI, this machine's server): CREATE DATABASE ... TEMPLATE <migrated template>.
 * - otherwise: a fresh in-memory embedded PGlite server on a free port, migrated.
 */
export type TestDatabase = { url: string; db: Db; cleanup: () => Promise<void> };

export function adminUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/**
 * Databases are named per test run (ME_TEST_RUN, set once by the vitest globalSetup and inherited by
 * the workers), so concurrent runs on one server never drop each other's databases.
 */
export function testRunId(): string {
  process.env.ME_TEST_RUN ??= randomBytes(4).toString("hex");
  return process.env.ME_TEST_RUN;
}

export function testDatabaseName(label = ""): string {
  return `me_t_${testRunId()}_${label ? `${label}_` : ""}${randomBytes(5).toString("hex")}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function templateName(): Promise<string> {
  const migrations = await listMigrations();
  const { createHash } = await import("node:crypto");
  const h = createHash("sha256");
  for (const m of migrations) h.update(m.name).update(m.checksum);
  return `me_tpl_${testRunId()}_${h.digest("hex").slice(0, 12)}`;
}

/** Create (once, under a lock) the migrated template database. Used by vitest globalSetup. */
export async function ensureTemplate(admin: string): Promise<string> {
  const name = await templateName();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727071)");
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_build_${randomBytes(3).toString("hex")}`;
      await client.query(`CREATE DATABASE "${building}"`);
      await migrate(withDatabase(admin, building));
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    }
    return name;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727071)").catch(() => undefined);
    await client.end();
  }
}

export async function dropTestDatabases(admin: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const rows = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const r of rows.rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

/** A fresh, migrated database for one test file; also installed as the process-wide db(). */
export async function createTestDatabase(opts: { install?: boolean } = {}): Promise<TestDatabase> {
  const admin = adminUrl();
  let url: string;
  let dispose: () => Promise<void>;
  if (admin) {
    const template = await ensureTemplate(admin);
    const name = testDatabaseName();
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (err) {
        if (attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await client.end();
    url = withDatabase(admin, name);
    dispose = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    const embedded = await startEmbeddedDb({ port: await freePort() });
    await migrate(embedded.url);
    url = embedded.url;
    dispose = embedded.stop;
  }
  const db = createDb(url, 5);
  if (opts.install !== false) setDb(db);
  return {
    url,
    db,
    cleanup: async () => {
      await db.$disconnect();
      if (opts.install !== false) {
        setDb(undefined);
        await closeSqlPool();
      }
      await dispose();
    },
  };
}
