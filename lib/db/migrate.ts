import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations/<name>/migration.sql in name order, one transaction per migration,
 * under a PostgreSQL advisory lock, recording each in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does (same table, checksum = sha256 of the file), so either tool can
 * take over. Needed because the native schema engine cannot be downloaded on offline machines (ARCHITECTURE.md, "Migrations without the native engine").
 */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const LOCK_KEY = 72_707_369; // arbitrary, stable: "prisma-migrate" for this app

export type MigrationResult = { applied: string[]; total: number };

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<{ name: string; sql: string; checksum: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function migrate(connectionString: string, opts: { dir?: string; log?: (m: string) => void } = {}): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    const migrations = await listMigrations(opts.dir);
    const newlyApplied: string[] = [];
    for (const m of migrations) {
      const prev = applied.get(m.name);
      if (prev) {
        if (prev !== m.checksum) opts.log?.(`warning: migration ${m.name} was edited after it was applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES ($1, $2, now(), $3, 1, now())`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      newlyApplied.push(m.name);
      opts.log?.(`applied migration ${m.name}`);
    }
    return { applied: newlyApplied, total: migrations.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** For /api/health: how many migrations exist vs are applied. */
/** Applied and pending migrations; with a pool (health checks) it borrows one of its connections instead of opening one. */
export async function migrationStatus(connection: string | pg.Pool): Promise<{ applied: number; pending: string[] }> {
  const own = typeof connection === "string" ? new pg.Client({ connectionString: connection }) : null;
  if (own) await own.connect();
  const client = own ?? (await (connection as pg.Pool).connect());
  try {
    const rows = await client
      .query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .catch(() => ({ rows: [] as { migration_name: string }[] }));
    const names = new Set(rows.rows.map((r) => r.migration_name));
    const all = await listMigrations();
    return { applied: names.size, pending: all.filter((m) => !names.has(m.name)).map((m) => m.name) };
  } finally {
    if (own) await own.end();
    else (client as pg.PoolClient).release();
  }
}
