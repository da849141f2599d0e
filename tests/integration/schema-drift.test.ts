import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { adminUrl, freePort, testDatabaseName } from "@/tests/helpers/db";
import { startEmbeddedDb } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { prismaCli } from "@/scripts/prisma-cli";

/**
 * Fails when prisma/schema and prisma/migrations disagree (a field added to a schema file without
 * regenerating the migration, a hand-edited migration, a migration generated from another schema...).
 * Database A gets the migrations (our migrator, as in production); database B gets the SQL Prisma
 * derives from the schema alone. Their normalised catalogues must be identical.
 */

type Scratch = { url: string; drop: () => Promise<void> };
const scratches: Scratch[] = [];

async function scratchDatabase(): Promise<Scratch> {
  const admin = adminUrl();
  if (!admin) {
    const embedded = await startEmbeddedDb({ port: await freePort() });
    return { url: embedded.url, drop: embedded.stop };
  }
  // This run's prefix: the integration globalSetup teardown drops leftovers if this process dies.
  const name = testDatabaseName("drift");
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** One line per catalogue fact, order-independent where PostgreSQL order is an artefact of history. */
async function describeSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: string[] = [];
    const skip = "_prisma_migrations";
    const rels = await client.query<{ relname: string; relkind: string }>(
      `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r','p','v','m','S','f') AND c.relname <> $1`,
      [skip],
    );
    for (const r of rels.rows) lines.push(`relation ${r.relname} kind=${r.relkind}`);

    // Column order is not compared: ALTER TABLE ADD COLUMN appends, a fresh CREATE TABLE follows the schema.
    const cols = await client.query<{
      tbl: string;
      col: string;
      type: string;
      notnull: boolean;
      def: string | null;
      identity: string;
      generated: string;
      collation: string | null;
    }>(
      `SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
              pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity, a.attgenerated AS generated,
              CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_collation co ON co.oid = a.attcollation
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> $1`,
      [skip],
    );
    for (const c of cols.rows) {
      lines.push(
        `column ${c.tbl}.${c.col} ${c.type}${c.notnull ? " NOT NULL" : ""}` +
          `${c.def !== null ? ` DEFAULT ${c.def}` : ""}${c.identity ? ` IDENTITY ${c.identity}` : ""}` +
          `${c.generated ? ` GENERATED ${c.generated}` : ""}${c.collation ? ` COLLATE ${c.collation}` : ""}`,
      );
    }

    const idx = await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT t.relname AS tbl, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> $1`,
      [skip],
    );
    for (const i of idx.rows) lines.push(`index ${i.tbl}.${i.name}: ${i.def}`);

    const cons = await client.query<{ tbl: string; name: string; type: string; def: string }>(
      `SELECT t.relname AS tbl, co.conname AS name, co.contype AS type, pg_get_constraintdef(co.oid) AS def
       FROM pg_constraint co
       JOIN pg_class t ON t.oid = co.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> $1`,
      [skip],
    );
    for (const c of cons.rows) lines.push(`constraint ${c.tbl}.${c.name} (${c.type}): ${c.def}`);

    // Enum labels as a set: ALTER TYPE ... ADD VALUE appends, so the order is history, not schema.
    const enums = await client.query<{ name: string; label: string }>(
      `SELECT t.typname AS name, e.enumlabel AS label
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public'`,
    );
    for (const e of enums.rows) lines.push(`enum ${e.name} value ${e.label}`);

    const types = await client.query<{ name: string; kind: string }>(
      `SELECT t.typname AS name, t.typtype AS kind FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND t.typtype IN ('e','d','c') AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)`,
    );
    for (const t of types.rows) lines.push(`type ${t.name} kind=${t.kind}`);

    const ext = await client.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'`);
    for (const e of ext.rows) lines.push(`extension ${e.extname}`);

    return lines.sort();
  } finally {
    await client.end();
  }
}

/** `prisma migrate diff --from-empty --to-schema-datamodel` through scripts/prisma-cli.ts (asynchronous, so an embedded PGlite in this process keeps serving). */
async function schemaSql(diffDbUrl: string): Promise<string> {
  const res = await prismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema", "--script"], { PRISMA_DIFF_DATABASE_URL: diffDbUrl });
  if (res.status !== 0) throw new Error(`prisma migrate diff failed (${res.status}):\n${res.stderr || res.stdout}`);
  return res.stdout;
}

afterAll(async () => {
  for (const s of scratches.splice(0)) await s.drop();
});

describe("schema drift", () => {
  it("prisma/migrations build exactly the database prisma/schema describes", { timeout: 180_000 }, async () => {
    const fromMigrations = await scratchDatabase();
    scratches.push(fromMigrations);
    const fromSchema = await scratchDatabase();
    scratches.push(fromSchema);

    const applied = await migrate(fromMigrations.url);
    expect(applied.total).toBeGreaterThan(0);

    const sql = await schemaSql(fromSchema.url);
    expect(sql).toMatch(/CREATE TABLE/);
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }

    const [a, b] = await Promise.all([describeSchema(fromMigrations.url), describeSchema(fromSchema.url)]);
    const inA = new Set(a);
    const inB = new Set(b);
    const onlyInMigrations = a.filter((l) => !inB.has(l));
    const onlyInSchema = b.filter((l) => !inA.has(l));
    const hint = "prisma/schema and prisma/migrations disagree: run `npm run db:migration:reset-init` (pre-release) or `npm run db:migration:new -- <name>`";
    expect({ onlyInMigrations, onlyInSchema }, hint).toEqual({ onlyInMigrations: [], onlyInSchema: [] });
    expect(a.length).toBeGreaterThan(100);
  });
});
