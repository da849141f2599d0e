/**
 * `npm run bench:leads` (after `next build`; PostgreSQL server in DATABASE_URL, the benchmark creates
 * and drops its own database): the production app (`next start`, its embedded executor processing
 * what arrives), then signed form leads (X-API-Key) on POST /api/webhooks/leads from 32 concurrent
 * clients for 20 s, each a new person. Prints accepted leads/s and p50/p99 latency beside a pgbench
 * one-row upsert measured in the same run (the ratio), then checks that the stored submissions equal
 * the accepted ones (0 lost). Exits 1 on any loss or 5xx.
 * Target (issue 12): ratio >= 0.25 with p99 < 100 ms.
 * Knobs: BENCH_LEADS_CONCURRENCY (32), BENCH_LEADS_SECONDS (20), BENCH_LEADS_PORT (3291), BENCH_PGBENCH_SECONDS (10).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, setDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createApiKey } from "../../lib/orgs/api-keys";
import { startDemoApp } from "./demo-app";
import { adminQuery, pgbenchTps } from "./pgbench";

const CONCURRENCY = Number(process.env.BENCH_LEADS_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_LEADS_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_LEADS_PORT ?? 3291);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 10);

if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database).");
  process.exit(2);
}
const admin = process.env.DATABASE_URL;
const dbName = `me_bench_leads_${randomBytes(4).toString("hex")}`;
await adminQuery(admin, `CREATE DATABASE "${dbName}"`);
const benchUrl = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
let failed = false;
try {
  await migrate(benchUrl);
  // The baseline first, on an idle server: pgbench's one-row upsert into an indexed table.
  const pool = new pg.Pool({ connectionString: benchUrl, max: 2 });
  await pool.query("CREATE TABLE bench_leads (id int PRIMARY KEY, hits int NOT NULL)");
  const tps = pgbenchTps(benchUrl, PGBENCH_SECONDS);

  const app = await startDemoApp({ databaseUrl: benchUrl, embedded: false, port: PORT, label: "leads" });
  try {
    setDb(createDb(benchUrl, 2));
    const org = (await pool.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'demo'")).rows[0]!;
    const { key } = await createApiKey({ organizationId: org.id, name: "bench" });
    const before = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM lead_submissions WHERE "organizationId" = $1`, [org.id])).rows[0]!.n);

    const statuses = new Map<string, number>();
    const latencies: number[] = [];
    let accepted = 0;
    let seq = 0;
    const run = `${Date.now().toString(36)}`;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < until) {
          const n = seq++;
          const body = JSON.stringify({ name: `Bench Lead ${n}`, email: `bench-${run}-${n}@example.test`, telephone: `06 ${String(10_000_000 + n).slice(-8).replace(/(\d\d)(?=\d)/g, "$1 ")}`, entreprise: "Bench SARL", message: "Demande de devis", utm_source: "bench" });
          const t0 = performance.now();
          const status = await fetch(`${app.origin}/api/webhooks/leads`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body })
            .then(async (r) => {
              await r.arrayBuffer();
              return String(r.status);
            })
            .catch((e: Error) => `error ${e.message}`);
          latencies.push(performance.now() - t0);
          if (status === "202") accepted++;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(p * latencies.length) - 1))]!;
    const rows = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM lead_submissions WHERE "organizationId" = $1`, [org.id])).rows[0]!.n) - before;
    const perSecond = accepted / SECONDS;
    const ratio = perSecond / tps;
    const p99 = q(0.99);
    const lost = accepted - rows;
    console.log(`\nbench:leads — signed form leads, ${CONCURRENCY} concurrent for ${SECONDS} s (production app, PostgreSQL)`);
    console.log(`  baseline pgbench one-row upsert (-c 8 -j 2, ${PGBENCH_SECONDS} s, same run): ${tps.toFixed(0)} tps`);
    console.log(`  accepted: ${accepted} (${perSecond.toFixed(0)} leads/s), ratio to pgbench: ${ratio.toFixed(3)}`);
    console.log(`  latency: p50 ${q(0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
    console.log(`  statuses: ${[...statuses].map(([s, c]) => `${s} x${c}`).join(", ")}`);
    console.log(`  stored submissions: ${rows}, lost: ${lost}`);
    console.log(`  target ratio >= 0.25 with p99 < 100 ms: ${ratio >= 0.25 && p99 < 100 ? "met" : "NOT met"}`);
    failed = lost !== 0 || [...statuses.keys()].some((s) => s.startsWith("5") || s.startsWith("error"));
  } finally {
    await app.stop();
    await pool.end();
    // next start's server process drains for a moment after SIGTERM: let it close before the database goes.
    await new Promise((r) => setTimeout(r, 5_000));
  }
} finally {
  await adminQuery(admin, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
}
process.exit(failed ? 1 : 0);
