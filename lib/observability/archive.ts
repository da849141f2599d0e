import "server-only";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { sqlPool } from "@/lib/db/client";
import { childLogger } from "@/lib/log";
import { storage } from "@/lib/providers/storage";

/**
 * Retention (issue 14): agent messages and live events older than 90 days leave the database for
 * storage (S3 or DATA_DIR/storage) as gzip JSON lines — each row exactly as PostgreSQL's to_jsonb
 * gives it, so columns added later travel too — in files of at most `batch` rows, oldest first. Order
 * of writes: the file, its size checked, then in one transaction its `archive_files` row and the
 * deletion of exactly the rows it holds. A crash before the transaction leaves the rows in place and
 * the next run writes the same file again (its key is derived from its rows), so nothing is lost or
 * counted twice. `restoreArchive` (npm run archive:restore) puts rows back, ON CONFLICT DO NOTHING.
 */
export const ARCHIVED_TABLES = { agent_messages: "text", live_events: "bigint" } as const;
export type ArchivedTable = keyof typeof ARCHIVED_TABLES;
export const RETENTION_DAYS = 90;

type Row = { row: Record<string, unknown> & { id: string | number; createdAt: string } };

export async function archiveOldRows(opts: { days?: number; batch?: number; now?: Date; tables?: ArchivedTable[] } = {}): Promise<Record<ArchivedTable, { files: number; rows: number }>> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.days ?? RETENTION_DAYS) * 86_400_000);
  const batch = opts.batch ?? 5_000;
  const out = { agent_messages: { files: 0, rows: 0 }, live_events: { files: 0, rows: 0 } };
  for (const table of opts.tables ?? (Object.keys(ARCHIVED_TABLES) as ArchivedTable[])) {
    for (;;) {
      const { rows } = await sqlPool().query<Row>(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE "createdAt" < $1 ORDER BY "createdAt", id LIMIT $2`, [cutoff, batch]);
      if (rows.length === 0) break;
      const ids = rows.map((r) => String(r.row.id));
      const body = gzipSync(Buffer.from(rows.map((r) => JSON.stringify(r.row)).join("\n") + "\n", "utf8"));
      const from = rows[0]!.row.createdAt;
      const to = rows[rows.length - 1]!.row.createdAt;
      const digest = createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 16);
      const key = `archive/${table}/${from.slice(0, 10)}/${from.replace(/[^0-9]/g, "").slice(0, 17)}-${digest}.jsonl.gz`;
      const stored = await storage().put(key, body, { contentType: "application/gzip" });
      if (stored.size !== body.length) throw new Error(`archive ${key}: stored ${stored.size} bytes of ${body.length}`);
      const client = await sqlPool().connect();
      try {
        await client.query("BEGIN");
        await client.query(`INSERT INTO archive_files (id, "tableName", key, rows, bytes, "fromCreatedAt", "toCreatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING`, [`arc_${digest}_${Date.now().toString(36)}`, table, key, rows.length, body.length, from, to]);
        await client.query(`DELETE FROM ${table} WHERE id = ANY($1::${ARCHIVED_TABLES[table]}[])`, [ids]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      out[table].files++;
      out[table].rows += rows.length;
      childLogger({ module: "retention" }).info({ table, key, rows: rows.length, bytes: body.length }, "rows archived");
      if (rows.length < batch) break;
    }
  }
  return out;
}

/** Put archived rows back (rows already present are left as they are). Restored rows older than the retention are archived again by the next nightly run. */
export async function restoreArchive(opts: { table?: ArchivedTable; from?: Date; to?: Date; key?: string }): Promise<{ files: number; rows: number }> {
  const { rows: files } = await sqlPool().query<{ id: string; tableName: ArchivedTable; key: string }>(
    `SELECT id, "tableName", key FROM archive_files
      WHERE ($1::text IS NULL OR "tableName" = $1) AND ($2::text IS NULL OR key = $2)
        AND ($3::timestamptz IS NULL OR "toCreatedAt" >= $3) AND ($4::timestamptz IS NULL OR "fromCreatedAt" < $4)
      ORDER BY "fromCreatedAt"`,
    [opts.table ?? null, opts.key ?? null, opts.from ?? null, opts.to ?? null],
  );
  let restored = 0;
  for (const f of files) {
    if (!(f.tableName in ARCHIVED_TABLES)) continue;
    const obj = await storage().get(f.key);
    if (!obj) throw new Error(`archive file ${f.key} is missing from storage`);
    const buf = Buffer.from(await new Response(obj.body).arrayBuffer());
    const lines = gunzipSync(buf).toString("utf8").split("\n").filter(Boolean);
    const res = await sqlPool().query(`INSERT INTO ${f.tableName} SELECT * FROM jsonb_populate_recordset(NULL::${f.tableName}, $1::jsonb) ON CONFLICT DO NOTHING`, [`[${lines.join(",")}]`]);
    await sqlPool().query(`UPDATE archive_files SET "restoredAt" = now() WHERE id = $1`, [f.id]);
    restored += res.rowCount ?? 0;
  }
  return { files: files.length, rows: restored };
}
