/**
 * `npm run bench:sse` (after `next build`): the live stream at volume (issue 14). A fresh database (on
 * DATABASE_URL's server when set, else the embedded PGlite), demo data seeded, the production app started
 * with the baseline route on (BENCH_SSE_ROUTE=1); then, in the same run and the same app process:
 *  - live: N clients signed in as the demo owner on GET /api/orgs/demo/stream; events written to the
 *    durable log (publishLiveEvent: insert + NOTIFY, as the app's use cases do) at a steady rate;
 *  - baseline: N clients on the bare SSE route app/api/bench/sse (process memory: no auth, no database),
 *    events sent by POST /api/bench/sse at the same rate.
 * For each: time to connect all clients, deliveries (events x clients) and how many never arrived,
 * events delivered per second, event -> client latency p50/p95/max (from just before the write / POST to
 * the client's parser, all in this process), and the app's RSS (process tree) with the clients connected.
 * Targets (issue 14, at 1,000 clients): live p95 <= 100 ms and RSS <= 500 MB; exits 1 when one is missed.
 * The clients run in this process on the same machine: their parsing is inside the latencies.
 * Knobs: BENCH_SSE_CLIENTS (1000), BENCH_SSE_EVENTS (40), BENCH_SSE_RATE (events/s, 10), BENCH_SSE_PORT (3292).
 */
import { readFileSync, readdirSync } from "node:fs";
import pg from "pg";
import { publishLiveEvent } from "../../lib/live/publish";
import { createTestDatabase } from "../helpers/db";
import { openSse, type SseClient } from "../helpers/sse-client";
import { signInDemo, startDemoApp } from "./demo-app";

const CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 1000);
const EVENTS = Number(process.env.BENCH_SSE_EVENTS ?? 40);
const RATE = Number(process.env.BENCH_SSE_RATE ?? 10);
const PORT = Number(process.env.BENCH_SSE_PORT ?? 3292);
const P95_TARGET_MS = 100;
const RSS_TARGET_MB = 500;
const CONNECT_BATCH = 50;

const database = await createTestDatabase();
const embedded = !process.env.DATABASE_URL;
const app = await startDemoApp({ databaseUrl: database.url, embedded, port: PORT, label: "sse", env: { BENCH_SSE_ROUTE: "1" } }).catch(async (e: unknown) => {
  await database.cleanup();
  throw e;
});
const sql = new pg.Pool({ connectionString: database.url, max: 2 });
const stop = async () => {
  await sql.end().catch(() => undefined);
  await app.stop();
  await database.cleanup();
};

/** Resident memory of a process and its descendants, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const kb = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
  const children = (p: number): number[] =>
    readdirSync(`/proc/${p}/task`).flatMap((t) => {
      try {
        return readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  let total = 0;
  for (const queue = [pid]; queue.length; ) {
    const p = queue.pop()!;
    try {
      total += kb(p);
      queue.push(...children(p));
    } catch {
      // exited
    }
  }
  return total / 1024;
}

const pct = (xs: number[], q: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]! : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Result = { name: string; connectMs: number; delivered: number; missing: number; perSecond: number; p50: number; p95: number; max: number; rss: number };

/**
 * Connect CLIENTS clients (batches of CONNECT_BATCH), wait until each is live (`ready`), send EVENTS
 * events at RATE per second with `send(seq)`, and read each delivery's latency (`seqOf` maps an event
 * back to its sequence number).
 */
async function measure(o: { name: string; url: string; headers: Record<string, string>; ready: (c: SseClient) => boolean; send: (seq: number) => Promise<void>; seqOf: (e: { id?: string; data: string }) => number | null }): Promise<Result> {
  const clients: SseClient[] = [];
  const t0 = performance.now();
  for (let i = 0; i < CLIENTS; i += CONNECT_BATCH) {
    const batch = await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, CLIENTS - i) }, () => openSse(o.url, o.headers)));
    for (const c of batch) if (c.status !== 200) throw new Error(`${o.name}: stream answered ${c.status} ${c.body}`);
    clients.push(...batch);
  }
  while (!clients.every(o.ready)) await sleep(50);
  const connectMs = performance.now() - t0;
  const rss = rssMb(app.pid);

  // Arrivals are kept raw and matched to their send afterwards: the bare route's ids are known only
  // when its POST answers, which may be after the event reached the clients.
  const sentAt: number[] = [];
  const arrivals: { id?: string; data: string; at: number }[] = [];
  for (const c of clients) c.onEvent((e) => void (e.id !== undefined && arrivals.push(e)));
  const start = performance.now();
  const sends: Promise<void>[] = [];
  for (let seq = 0; seq < EVENTS; seq++) {
    const due = start + (seq * 1000) / RATE;
    if (performance.now() < due) await sleep(due - performance.now());
    sentAt[seq] = performance.now();
    sends.push(o.send(seq)); // not awaited: the pace is the sender's, whatever the server's answer time
  }
  await Promise.all(sends);
  const expected = EVENTS * CLIENTS;
  for (const deadline = performance.now() + 15_000; arrivals.length < expected && performance.now() < deadline; ) await sleep(50);
  for (const c of clients) c.close();
  await sleep(500);
  const latencies: number[] = [];
  let lastArrival = 0;
  let delivered = 0;
  for (const e of arrivals) {
    const seq = o.seqOf(e);
    if (seq === null || sentAt[seq] === undefined) continue;
    delivered++;
    latencies.push(e.at - sentAt[seq]!);
    lastArrival = Math.max(lastArrival, e.at);
  }
  return {
    name: o.name,
    connectMs,
    delivered,
    missing: expected - delivered,
    perSecond: delivered / ((lastArrival - start) / 1000),
    p50: pct(latencies, 0.5),
    p95: pct(latencies, 0.95),
    max: Math.max(...latencies),
    rss,
  };
}

try {
  const cookie = await signInDemo(app.origin);
  const org = await sql.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`);
  const organizationId = org.rows[0]!.id;
  const idleRss = rssMb(app.pid);

  const live = await measure({
    name: "live stream (/api/orgs/demo/stream)",
    url: `${app.origin}/api/orgs/demo/stream`,
    headers: { cookie },
    // Subscribed and replayed once its first KPI snapshot arrived.
    ready: (c) => c.events.some((e) => e.event === "kpi.snapshot"),
    send: async (seq) => void (await publishLiveEvent(sql, { organizationId, type: "lead.received", payload: { bench: seq } })),
    seqOf: (e) => (e.id ? ((JSON.parse(e.data) as { payload: { bench?: number } }).payload.bench ?? null) : null),
  });

  // The bare route numbers its events itself: each POST's answer says which id it sent.
  const seqById = new Map<string, number>();
  const baseline = await measure({
    name: "baseline (bare route /api/bench/sse)",
    url: `${app.origin}/api/bench/sse`,
    headers: {},
    ready: (c) => c.comments.length > 0,
    send: async (seq) => {
      const res = await fetch(`${app.origin}/api/bench/sse`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      seqById.set(((await res.json()) as { id: string }).id, seq);
    },
    seqOf: (e) => (e.id ? (seqById.get(e.id) ?? null) : null),
  });

  console.log(`\nLive stream at volume: ${CLIENTS} clients on one app process, ${EVENTS} events at ${RATE}/s, production build, ${embedded ? "embedded PGlite (poll 500 ms)" : "PostgreSQL (LISTEN/NOTIFY)"}`);
  console.log(`  app RSS idle before the clients: ${idleRss.toFixed(0)} MB`);
  console.log(`  ${"".padEnd(38)} ${"connect".padStart(9)} ${"delivered".padStart(10)} ${"missing".padStart(8)} ${"events/s".padStart(9)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)} ${"RSS".padStart(8)}`);
  for (const r of [live, baseline]) {
    console.log(
      `  ${r.name.padEnd(38)} ${`${(r.connectMs / 1000).toFixed(1)} s`.padStart(9)} ${String(r.delivered).padStart(10)} ${String(r.missing).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)} ${`${r.p50.toFixed(0)} ms`.padStart(7)} ${`${r.p95.toFixed(0)} ms`.padStart(7)} ${`${r.max.toFixed(0)} ms`.padStart(7)} ${`${r.rss.toFixed(0)} MB`.padStart(8)}`,
    );
  }
  const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
  console.log(`  targets (live): p95 <= ${P95_TARGET_MS} ms ${mark(live.p95 <= P95_TARGET_MS)}, RSS <= ${RSS_TARGET_MB} MB ${mark(live.rss <= RSS_TARGET_MB)}, nothing missing ${mark(live.missing === 0)}`);
  process.exitCode = live.p95 <= P95_TARGET_MS && live.rss <= RSS_TARGET_MB && live.missing === 0 ? 0 : 1;
} finally {
  await stop();
}
