import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** One statement on the admin connection (CREATE / DROP DATABASE of a benchmark's own database). */
export async function adminQuery(admin: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The baseline every benchmark prints beside its own figures: pgbench -c 8 -j 2 with a one-row
 * INSERT ... ON CONFLICT DO UPDATE into the indexed table `bench_leads(id int primary key, hits int)`,
 * which the caller creates in `url`'s database. Returns transactions per second. pgbench connects the
 * way the app does: through the Unix socket directory of a `?host=/var/run/postgresql` URL, else TCP.
 */
export function pgbenchTps(url: string, seconds: number): number {
  const u = new URL(url);
  const dir = mkdtempSync(path.join(tmpdir(), "me-bench-"));
  const script = path.join(dir, "upsert.sql");
  writeFileSync(script, "\\set id random(1, 100000)\nINSERT INTO bench_leads (id, hits) VALUES (:id, 1) ON CONFLICT (id) DO UPDATE SET hits = bench_leads.hits + 1;\n");
  const args = ["-n", "-c", "8", "-j", "2", "-T", String(seconds), "-f", script, "-h", u.searchParams.get("host") ?? u.hostname, "-p", u.port || "5432", "-U", u.username || "postgres", u.pathname.slice(1)];
  const res = spawnSync("/usr/bin/pgbench", args, { encoding: "utf8" });
  const m = /tps = ([\d.]+)/.exec(res.stdout);
  if (!m) throw new Error(`pgbench failed: ${res.stderr || res.stdout}`);
  return Number(m[1]);
}
