/**
 * `DATABASE_URL=… npm run bench:dashboard` (after `next build`): the dashboard's reads on a year-two
 * organisation (issue 18). Seeds, set-based in SQL (tests/bench/dashboard-seed.ts), a database of its
 * own on DATABASE_URL's server: the demo organisation with 1,000,000 publications over 2 years,
 * ~5,000,000 metric snapshots, 200,000 leads, 100,000 inbox messages, 10,000 pending approvals, and 49
 * small organisations. Then the production app (`next start`, as bench:approvals starts it, its executor
 * off: the seeded due publications are not published meanwhile) and, at
 * BENCH_DASHBOARD_CONCURRENCY (32) closed-loop clients for BENCH_DASHBOARD_SECONDS (15) each: the War
 * Room state API, approvals list, publication queue, calendar month, content list, analytics ranges
 * (30 days; a year with BENCH_DASHBOARD_ONLY=year), the leads list page and the War Room page: req/s, p50/p95/p99 (time to first byte
 * for pages, full answer for APIs) beside the trivial route of the same build (POST /api/bench/noop)
 * measured in the same run. Then every query those reads make (captured in this process, same code,
 * same data) under EXPLAIN (ANALYZE, BUFFERS): its time, buffers, and its plan when it scans more than
 * 10x the rows it returns.
 * Targets (printed, never asserted: a benchmark, not a test): API p95 <= 50 ms, page TTFB p95 <= 200 ms.
 * Exits 1 only when an answer is not 2xx (the CI smoke: BENCH_SCALE=0.001 BENCH_DASHBOARD_SECONDS=2).
 * Knobs: BENCH_SCALE (1: every count multiplied), BENCH_DASHBOARD_DB (a database name kept and reused
 * between runs, seeded once per scale; default: a fresh one, dropped at the end),
 * BENCH_DASHBOARD_SEED_ONLY=1 (seed BENCH_DASHBOARD_DB and stop: seeding is minutes of its own, keep
 * it out of the measured run), BENCH_DASHBOARD_PORT (3293), BENCH_DASHBOARD_ONLY (comma-separated case
 * names; `year` adds the analytics of a 1-year range), BENCH_DASHBOARD_TIMEOUT_MS (30,000 per request), BENCH_DASHBOARD_EXPLAIN=0 (skip the plans), BENCH_DASHBOARD_EXPLAIN_ONLY=1 (the plans
 * alone, no app), BENCH_CPU_PROF=<dir> (profile the app process).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, setDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/demo/seed-demo";
import { adminQuery } from "./pgbench";
import { seedCounts, seedDashboard } from "./dashboard-seed";
import { signInDemo, startDemoApp } from "./demo-app";

const admin = process.env.DATABASE_URL;
if (!admin) {
  console.error("bench:dashboard needs DATABASE_URL (a PostgreSQL server: it creates a database of its own there).");
  process.exit(2);
}
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SECONDS = Number(process.env.BENCH_DASHBOARD_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_DASHBOARD_CONCURRENCY ?? 32);
const PORT = Number(process.env.BENCH_DASHBOARD_PORT ?? 3293);
const ONLY = process.env.BENCH_DASHBOARD_ONLY?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const KEPT = process.env.BENCH_DASHBOARD_DB;
const TIMEOUT_MS = Number(process.env.BENCH_DASHBOARD_TIMEOUT_MS ?? 30_000);
const API_TARGET_MS = 50;
const PAGE_TARGET_MS = 200;
const name = KEPT ?? `me_bench_dashboard_${randomBytes(4).toString("hex")}`;
const url = (() => {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
})();
const log = (m: string) => console.log(m);
function day(d: Date) {
  return d.toISOString().slice(0, 10);
}

const exists = await (async () => {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return ((await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
})();
if (!exists) await adminQuery(admin, `CREATE DATABASE "${name}"`);
const dropDatabase = async () => {
  if (!KEPT) await adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
};

const db = createDb(url, 4);
setDb(db);
let seconds: number;
try {
  await migrate(url);
  await seedDemo(db);
  const c = seedCounts(SCALE);
  log(
    `Seeding ${name} at scale ${SCALE}: ${c.publications} publications, ~${c.snapshots} snapshots, ${c.leads} leads, ${c.messages} inbox messages, ${c.approvals} pending approvals, ${c.smallOrgs} small organisations`,
  );
  seconds = await seedDashboard(url, db, SCALE, log);
  if (seconds) log(`  seeded in ${seconds.toFixed(0)} s`);
} catch (e) {
  await db.$disconnect();
  await dropDatabase();
  throw e;
}
if (process.env.BENCH_DASHBOARD_SEED_ONLY === "1" || process.env.BENCH_DASHBOARD_EXPLAIN_ONLY === "1") {
  if (process.env.BENCH_DASHBOARD_EXPLAIN_ONLY === "1") await explainHotQueries(url, new Date());
  await db.$disconnect();
  if (!KEPT) await dropDatabase();
  process.exit(0);
}

const app = await startDemoApp({ databaseUrl: url, embedded: false, port: PORT, label: "dashboard", env: { BENCH_NOOP_ROUTE: "1", EMBEDDED_EXECUTOR: "off" } }).catch(
  async (e: unknown) => {
    await db.$disconnect();
    await dropDatabase();
    throw e;
  },
);
const origin = app.origin;

type Case = { name: string; kind: "api" | "page" | "baseline"; path: string; method?: "POST" };
type Result = Case & { n: number; rps: number; p50: number; p95: number; p99: number; bad: Map<string, number>; bytes: number };
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;

let failures = 0;
try {
  const cookie = await signInDemo(origin);
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const yesterday = new Date(now.getTime() - 86_400_000);
  const cases: Case[] = [
    { name: "baseline: POST /api/bench/noop", kind: "baseline", path: "/api/bench/noop", method: "POST" },
    { name: "war-room state", kind: "api", path: "/api/orgs/demo/war-room/state" },
    { name: "approvals list", kind: "api", path: "/api/orgs/demo/approvals" },
    { name: "publication queue", kind: "api", path: "/api/orgs/demo/publications/queue" },
    { name: "calendar month", kind: "api", path: `/api/orgs/demo/publications?from=${monthStart.toISOString()}&to=${monthEnd.toISOString()}` },
    { name: "content list", kind: "api", path: "/api/orgs/demo/content" },
    { name: "analytics 30 days", kind: "api", path: `/api/orgs/demo/analytics?from=${day(new Date(now.getTime() - 30 * 86_400_000))}&to=${day(yesterday)}` },
    // A year's range (BENCH_DASHBOARD_ONLY=year): its posts table reads every publication that grew in the year (see BENCHMARKS.md).
    ...(ONLY?.includes("year")
      ? [
          {
            name: "analytics 1 year",
            kind: "api" as const,
            path: `/api/orgs/demo/analytics?from=${day(new Date(now.getTime() - 365 * 86_400_000))}&to=${day(yesterday)}`,
          },
        ]
      : []),
    { name: "leads list page", kind: "page", path: "/demo/leads" },
    { name: "war-room page", kind: "page", path: "/demo/war-room" },
  ].filter((c) => !ONLY || c.kind === "baseline" || ONLY.some((o) => c.name.includes(o))) as Case[];

  const request = async (c: Case): Promise<{ ttfb: number; total: number; status: number; bytes: number }> => {
    const t0 = performance.now();
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    const res = await fetch(
      `${origin}${c.path}`,
      c.method === "POST"
        ? { method: "POST", body: JSON.stringify({ name: "Bench" }), headers: { "content-type": "application/json" }, signal }
        : { headers: { cookie, "accept-language": "fr" }, redirect: "manual", signal },
    );
    const ttfb = performance.now() - t0;
    const body = await res.arrayBuffer();
    return { ttfb, total: performance.now() - t0, status: res.status, bytes: body.byteLength };
  };
  const drive = async (c: Case): Promise<Result> => {
    for (let i = 0; i < 3; i++) await request(c).catch(() => undefined); // warm-up: route loaded, pools filled
    const times: number[] = [];
    const bad = new Map<string, number>();
    let bytes = 0;
    const t0 = performance.now();
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < until) {
          const r = await request(c).catch((e: Error) => ({ ttfb: NaN, total: NaN, status: e.name === "TimeoutError" ? -1 : 0, bytes: 0 }));
          const key = r.status === -1 ? `timeout ${TIMEOUT_MS / 1000} s` : String(r.status || "error");
          if (r.status < 200 || r.status >= 300) bad.set(key, (bad.get(key) ?? 0) + 1);
          else times.push(c.kind === "page" ? r.ttfb : r.total);
          bytes = r.bytes || bytes;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    return { ...c, n: times.length, rps: times.length / elapsed, p50: q(times, 0.5), p95: q(times, 0.95), p99: q(times, 0.99), bad, bytes };
  };

  const results: Result[] = [];
  for (const c of cases) {
    const r = await drive(c);
    results.push(r);
    failures += [...r.bad.values()].reduce((s, v) => s + v, 0);
  }
  const base = results[0]!;
  const counts = seedCounts(SCALE);
  console.log(
    `\nDashboard at scale ${SCALE} (demo organisation: ${counts.publications} publications, ~${counts.snapshots} snapshots, ${counts.leads} leads, ${counts.messages} inbox messages, ${counts.approvals} pending approvals; + ${counts.smallOrgs} small organisations)`,
  );
  console.log(
    `  production build, one app process, PostgreSQL, ${CONCURRENCY} concurrent clients, ${SECONDS} s per row; APIs: full answer, pages: time to first byte`,
  );
  console.log(`  ${"".padEnd(34)} ${"req/s".padStart(7)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)}  ${"size".padStart(8)}  target (p95)`);
  for (const r of results) {
    const target = r.kind === "api" ? API_TARGET_MS : r.kind === "page" ? PAGE_TARGET_MS : null;
    const mark = target === null ? "(same-run baseline)" : `<= ${target} ms ${r.p95 <= target ? "ok" : "MISSED"}`;
    const errs = r.bad.size ? `  non-2xx: ${[...r.bad].map(([k, v]) => `${k}×${v}`).join(", ")}` : "";
    console.log(
      `  ${r.name.padEnd(34)} ${r.rps.toFixed(1).padStart(7)} ${r.p50.toFixed(0).padStart(5)}ms ${r.p95.toFixed(0).padStart(5)}ms ${r.p99.toFixed(0).padStart(5)}ms  ${(r.bytes / 1024).toFixed(0).padStart(6)}kB  ${mark}  (${(r.rps / Math.max(base.rps, 1e-9)).toFixed(2)}x baseline)${errs}`,
    );
  }
  if (process.env.BENCH_DASHBOARD_EXPLAIN !== "0") await explainHotQueries(url, now);
} finally {
  await app.stop();
  await db.$disconnect();
  await dropDatabase();
}
process.exitCode = failures ? 1 : 0;

/**
 * Every SELECT the dashboard's reads make, captured at the `pg` driver while the same library functions
 * run in this process, then EXPLAIN (ANALYZE, BUFFERS) each: rows scanned (every scan node's rows plus
 * those its filter removed, times its loops) against rows returned.
 */
async function explainHotQueries(databaseUrl: string, now: Date) {
  const { resolveOrgForUser } = await import("@/lib/auth/guard");
  const { getWarRoomState } = await import("@/lib/warroom/get-war-room-state");
  const { getWarRoom } = await import("@/lib/warroom/get-war-room");
  const { getAgentHealth } = await import("@/lib/warroom/health/agent-health");
  const { listApprovalsPage } = await import("@/lib/approvals/list-approvals");
  const { listPublishQueue } = await import("@/lib/publishing/list-publish-queue");
  // get-calendar.ts itself imports rrule, whose ESM entry tsx cannot load here: its main read, as written there.
  const { publicationDtoSelect } = await import("@/lib/publishing/dto");
  const getCalendar = (o: { organizationId: string; from: Date; to: Date }) =>
    db.publication.findMany({
      where: { organizationId: o.organizationId, scheduledAt: { gte: o.from, lt: o.to } },
      orderBy: { scheduledAt: "asc" },
      select: publicationDtoSelect,
      take: 2000,
    });
  const { listContent } = await import("@/lib/content/list-content");
  const { listLeads } = await import("@/lib/leads/list-leads");
  const { getAnalyticsReport } = await import("@/lib/analytics/daily/get-analytics-report");
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const captured = new Map<string, { area: string; text: string; values: unknown[] }>();
  let area = "";
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const a0 = args[0] as string | { text?: string; values?: unknown[] };
    const text = typeof a0 === "string" ? a0 : a0?.text;
    const values = (typeof a0 === "string" ? args[1] : a0?.values) as unknown[] | undefined;
    if (this !== sql && text && /^\s*(SELECT|WITH)\b/i.test(text) && !captured.has(text)) captured.set(text, { area, text, values: values ?? [] });
    return original.apply(this, args);
  };
  try {
    const org = (
      await sql.query<{ id: string; userId: string; email: string }>(
        `SELECT o.id, u.id AS "userId", u.email FROM organizations o JOIN memberships m ON m."organizationId" = o.id JOIN users u ON u.id = m."userId" WHERE o.slug = 'demo' AND u.email = 'demo@marketingengine.app'`,
      )
    ).rows[0]!;
    const organizationId = org.id;
    const d = (x: number) => day(new Date(now.getTime() - x * 86_400_000));
    const reads: [string, () => Promise<unknown>][] = [
      ["membership", () => resolveOrgForUser({ slug: "demo", userId: org.userId, email: org.email })],
      ["war-room state", () => getWarRoomState({ organizationId, now })],
      ["approvals list", () => listApprovalsPage({ organizationId })],
      ["publication queue", () => listPublishQueue({ organizationId, now })],
      [
        "calendar month",
        () =>
          getCalendar({
            organizationId,
            from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
            to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
          }),
      ],
      ["content list", () => listContent({ organizationId })],
      ["analytics 30 days", () => getAnalyticsReport({ organizationId, query: { from: d(30), to: d(1), page: 1 } })],
      ["leads list page", () => listLeads({ organizationId })],
      ["war-room page", () => Promise.all([getWarRoom({ organizationId, now }), getAgentHealth({ organizationId, now })])],
    ];
    for (const [label, read] of reads) {
      area = label;
      await read();
    }
  } finally {
    proto.query = original;
  }
  type Node = {
    "Node Type": string;
    "Relation Name"?: string;
    "Index Name"?: string;
    "Actual Rows": number;
    "Actual Loops": number;
    "Rows Removed by Filter"?: number;
    "Rows Removed by Index Recheck"?: number;
    Plans?: Node[];
  };
  const scanned = (n: Node): number =>
    (/Scan$/.test(n["Node Type"]) && n["Node Type"] !== "Bitmap Index Scan"
      ? (n["Actual Rows"] + (n["Rows Removed by Filter"] ?? 0) + (n["Rows Removed by Index Recheck"] ?? 0)) * n["Actual Loops"]
      : 0) + (n.Plans ?? []).reduce((s, c) => s + scanned(c), 0);
  const lines = (n: Node, depth = 0): string[] => [
    `${"  ".repeat(depth)}${n["Node Type"]}${n["Relation Name"] ? ` on ${n["Relation Name"]}` : ""}${n["Index Name"] ? ` using ${n["Index Name"]}` : ""} (rows ${n["Actual Rows"]} x ${n["Actual Loops"]} loops${n["Rows Removed by Filter"] ? `, ${n["Rows Removed by Filter"]} removed by filter` : ""})`,
    ...(n.Plans ?? []).flatMap((c) => lines(c, depth + 1)),
  ];
  console.log(`\n  EXPLAIN (ANALYZE, BUFFERS) of the ${captured.size} distinct queries of these reads (plan printed when rows scanned > 10x rows returned):`);
  let flagged = 0;
  for (const { area: a, text, values } of captured.values()) {
    const res = await sql
      .query<{ "QUERY PLAN": [{ Plan: Node & { "Shared Hit Blocks": number; "Shared Read Blocks": number }; "Execution Time": number }] }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`,
        values,
      )
      .catch((e: Error) => e);
    const oneLine = text.replace(/\s+/g, " ").slice(0, 150);
    if (res instanceof Error) {
      console.log(`    [${a}] EXPLAIN failed (${res.message}): ${oneLine}`);
      continue;
    }
    const top = res.rows[0]!["QUERY PLAN"][0];
    const rows = top.Plan["Actual Rows"];
    const scan = scanned(top.Plan);
    const bad = scan > 10 * Math.max(rows, 1);
    console.log(
      `    [${a}] ${top["Execution Time"].toFixed(1)} ms, returned ${rows}, scanned ${scan}, buffers hit ${top.Plan["Shared Hit Blocks"]} read ${top.Plan["Shared Read Blocks"]}${bad ? "  SCANS > 10x" : ""}: ${oneLine}`,
    );
    if (bad) {
      flagged++;
      for (const l of lines(top.Plan)) console.log(`        ${l}`);
    }
  }
  console.log(`  ${flagged} of ${captured.size} queries scan more than 10x what they return`);
  await sql.end();
}
