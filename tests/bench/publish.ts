/**
 * Benchmark of MKT-107 publishing (not a test): N publications due in the same minute across 50
 * organisations on the sandbox network, run by the real mkt-107-publish function through serve()
 * and the embedded executor. Reports lateness (postedAt - scheduledAt) p50/p95/max, time until all
 * posted, and the posted-exactly-once count, beside a pgbench baseline measured in the same run.
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:publish
 * Knobs: BENCH_SIZES ("1000,10000"), BENCH_ORGS (50), BENCH_CONCURRENCY (executor, 32),
 * BENCH_EXECUTORS (1), BENCH_POOL (executor connections, concurrency / 2 + 4 up to 24), BENCH_APP_PROCESSES (serve handler + event API processes, 2: one per core), BENCH_APP_CPU_PROFILE (a
 * directory: V8 CPU profiles of the app processes), BENCH_PGBENCH_SECONDS (10), BENCH_LEAD_SECONDS (time to enqueue before the
 * minute starts; default 20 + N/100).
 * Targets (MKT-107): lateness p95 <= 5 s at 1,000; all 10,000 posted within 2 minutes.
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createDb, setDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { Executor } from "@/lib/runtime/executor";
import { publicationScheduledEvent } from "@/lib/publishing/deps";
import { quietLogger, testClient } from "@/tests/integration/runtime/harness";
import { adminQuery, pgbenchTps } from "./pgbench";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number);
const ORGS = Number(process.env.BENCH_ORGS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const EXECUTORS = Number(process.env.BENCH_EXECUTORS ?? 1);
const APP_PROCESSES = Number(process.env.BENCH_APP_PROCESSES ?? 2);
// The executor's pool (its default, at most 12, is sized for the embedded PGlite's 20 connections).
// Connections stay within PostgreSQL's default max_connections (100) with the app processes' pools.
const POOL = Number(process.env.BENCH_POOL ?? Math.min(Math.ceil(CONCURRENCY / 2) + 4, 24));
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 10);
const PLATFORMS = ["LINKEDIN", "FACEBOOK", "X"] as const;

if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database).");
  process.exit(2);
}
const admin = process.env.DATABASE_URL;
const dbName = `me_bench_pub_${randomBytes(4).toString("hex")}`;
await adminQuery(admin, `CREATE DATABASE "${dbName}"`);
const benchUrl = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
await migrate(benchUrl);
const db = createDb(benchUrl, 20);
setDb(db);



function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

// The app (serve handler + event API) runs in its own processes, the executors in this one.
const port = await freePort();
const app = fork(fileURLToPath(new URL("./publish-app.ts", import.meta.url)), {
  execArgv: ["--import", "tsx", "--import", "./scripts/server-only-loader.mjs", ...(process.env.BENCH_APP_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_APP_CPU_PROFILE}`] : [])],
  // Each app process splits DATABASE_POOL_MAX between its pools (Prisma, sqlPool: lib/db/pool-budget.ts).
  env: { ...process.env, BENCH_APP_PORT: String(port), BENCH_APP_PROCESSES: String(APP_PROCESSES), BENCH_DATABASE_URL: benchUrl, DATABASE_POOL_MAX: String(Math.min(24, Math.ceil(60 / APP_PROCESSES))) },
  stdio: "inherit",
});
await new Promise<void>((resolve, reject) => {
  app.once("message", () => resolve());
  app.once("exit", (code) => reject(new Error(`the bench app exited (${code})`)));
});
const origin = `http://127.0.0.1:${port}`;
const client = testClient(origin, "bench");
const executors = Array.from({ length: EXECUTORS }, () => new Executor({ databaseUrl: benchUrl, serveUrl: `${origin}/api/inngest`, awaitSync: true, concurrency: CONCURRENCY, poolMax: POOL, pollMs: 50, logger: quietLogger }));
for (const e of executors) await e.start();

try {
  console.log(`pgbench baseline (${PGBENCH_SECONDS}s, -c 8 -j 2, one-row upsert)...`);
  await db.$executeRawUnsafe(`CREATE TABLE bench_leads (id int PRIMARY KEY, hits int NOT NULL)`);
  const tps = pgbenchTps(benchUrl, PGBENCH_SECONDS);

  // 50 organisations, each with a brand, a piece and one sandbox account (text posts publish synchronously).
  const orgs: { orgId: string; accountId: string; pieceId: string; platform: (typeof PLATFORMS)[number] }[] = [];
  for (let i = 0; i < ORGS; i++) {
    const org = await db.organization.create({ data: { slug: `bench-${i}-${randomBytes(3).toString("hex")}`, name: `Bench ${i}` } });
    const brand = await db.brand.create({ data: { organizationId: org.id, name: "B", slug: "b", voice: "v", targetAudience: "a", contentGuidelines: "g" } });
    const piece = await db.contentPiece.create({ data: { organizationId: org.id, brandId: brand.id, body: `Bench post of org ${i}`, status: "APPROVED" } });
    const platform = PLATFORMS[i % PLATFORMS.length]!;
    const acc = await db.socialAccount.create({ data: { organizationId: org.id, platform, externalId: `bench-${i}`, name: `Sandbox ${i}`, isSandbox: true } });
    orgs.push({ orgId: org.id, accountId: acc.id, pieceId: piece.id, platform });
  }

  const lines: string[] = [];
  for (const n of SIZES) {
    const lead = Number(process.env.BENCH_LEAD_SECONDS ?? 20 + n / 100) * 1000;
    const minute = Math.ceil((Date.now() + lead) / 60_000) * 60_000; // the next whole minute after the lead time
    const tag = `b${n}-${randomBytes(3).toString("hex")}`;
    // Due in the same minute: spread evenly over [minute, minute + 60 s).
    const rows = Array.from({ length: n }, (_, i) => {
      const o = orgs[i % orgs.length]!;
      return { id: `${tag}-${i}`, organizationId: o.orgId, contentPieceId: o.pieceId, socialAccountId: o.accountId, platform: o.platform, scheduledAt: new Date(minute + Math.floor((i * 60_000) / n)), idempotencyKey: `${tag}-${i}`, maxAttempts: 8 };
    });
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1000) await db.publication.createMany({ data: rows.slice(i, i + 1000) });
    for (let i = 0; i < n; i += 200) {
      await client.send(rows.slice(i, i + 200).map((r) => publicationScheduledEvent({ organizationId: r.organizationId, publicationId: r.id, scheduledAt: r.scheduledAt })));
    }
    const enqueuedAt = Date.now();
    console.log(`${n}: ${n} rows + events enqueued in ${((performance.now() - t0) / 1000).toFixed(1)} s; first due in ${((minute - enqueuedAt) / 1000).toFixed(1)} s`);
    const deadline = minute + 20 * 60_000;
    for (;;) {
      const left = await db.publication.count({ where: { id: { startsWith: tag }, status: { notIn: ["POSTED", "FAILED"] } } });
      if (left === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const done = await db.publication.findMany({ where: { id: { startsWith: tag } }, select: { status: true, scheduledAt: true, postedAt: true, socialAccountId: true } });
    const posted = done.filter((d) => d.status === "POSTED" && d.postedAt);
    const lateness = posted.map((d) => d.postedAt!.getTime() - d.scheduledAt.getTime()).sort((a, b) => a - b);
    const lastPosted = Math.max(...posted.map((d) => d.postedAt!.getTime()));
    const postedEvents = await db.publicationEvent.count({ where: { publicationId: { startsWith: tag }, status: "POSTED" } });
    const attempts = await db.publicationAttempt.count({ where: { publicationId: { startsWith: tag } } });
    const failed = done.filter((d) => d.status === "FAILED").length;
    lines.push(
      `${String(n).padStart(6)} publications, ${ORGS} orgs   lateness p50 ${(pct(lateness, 50) / 1000).toFixed(2)} s, p95 ${(pct(lateness, 95) / 1000).toFixed(2)} s, max ${(lateness.at(-1)! / 1000).toFixed(2)} s`,
      `                                 all posted ${((lastPosted - minute) / 1000).toFixed(1)} s after the minute started (last due at +60 s)`,
      `                                 posted ${posted.length}/${n}, failed ${failed}, POSTED events ${postedEvents}, attempts ${attempts} -> exactly once: ${posted.length === n && postedEvents === n && attempts === n ? "yes" : "NO"}`,
      `                                 posts/s while due ${(n / Math.max(60, (lastPosted - minute) / 1000)).toFixed(1)} (${((n / Math.max(60, (lastPosted - minute) / 1000) / tps) * 100).toFixed(2)}% of pgbench)`,
    );
  }
  const sandboxPosts = await db.sandboxRecord.count({ where: { kind: "post" } });
  console.log("");
  console.log(`pgbench baseline                 ${tps.toFixed(0)} tps`);
  console.log(`executors x concurrency          ${EXECUTORS} x ${CONCURRENCY} (this process, ${POOL} connections each); app processes ${APP_PROCESSES}`);
  for (const l of lines) console.log(l);
  console.log(`sandbox platform posts (all sizes) ${sandboxPosts} for ${SIZES.reduce((a, b) => a + b, 0)} publications`);
} finally {
  for (const e of executors) await e.stop(5_000);
  app.kill("SIGTERM");
  await db.$disconnect();
  await adminQuery(admin, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
}
process.exit(0);
