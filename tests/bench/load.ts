/**
 * `npm run bench:load` (after `next build`): the production app on the embedded database (PGlite), demo
 * data seeded, then 60 concurrent clients for 30 s on a mix of health checks, an HTML page and signed-in
 * API reads. Prints requests/s and p50/p95/max latency beside a same-run baseline (1 client, same mix),
 * and the status counts; exits 1 on any 5xx (issue 10: 0 answers 5xx at 60 concurrent).
 * Knobs: BENCH_LOAD_CONCURRENCY (60), BENCH_LOAD_SECONDS (30), BENCH_LOAD_PORT (3290).
 */
import { startEmbeddedDb } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { freePort } from "../helpers/db";
import { signInDemo, startDemoApp } from "./demo-app";

const CONCURRENCY = Number(process.env.BENCH_LOAD_CONCURRENCY ?? 60);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3290);
const embedded = await startEmbeddedDb({ port: await freePort() });
await migrate(embedded.url);
const app = await startDemoApp({ databaseUrl: embedded.url, embedded: true, port: PORT, label: "load" }).catch(async (e: unknown) => {
  await embedded.stop();
  throw e;
});
const origin = app.origin;
const stop = async () => {
  await app.stop();
  await embedded.stop();
};

try {
  const cookie = await signInDemo(origin);
  const mix: { name: string; path: string; cookie?: boolean }[] = [
    { name: "health", path: "/api/health" },
    { name: "sign-in page", path: "/sign-in" },
    { name: "notifications", path: "/api/orgs/demo/notifications", cookie: true },
    { name: "runs", path: "/api/orgs/demo/runs", cookie: true },
    { name: "approvals", path: "/api/orgs/demo/approvals", cookie: true },
  ];
  const run = async (clients: number, seconds: number) => {
    const statuses = new Map<string, number>();
    const latencies: number[] = [];
    const until = Date.now() + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          const m = mix[n++ % mix.length]!;
          const t0 = performance.now();
          const status = await fetch(`${origin}${m.path}`, { headers: m.cookie ? { cookie } : {}, redirect: "manual" })
            .then(async (r) => {
              await r.arrayBuffer();
              return String(r.status);
            })
            .catch((e: Error) => `error ${e.message}`);
          latencies.push(performance.now() - t0);
          const key = `${m.name} ${status}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0);
    return { total: latencies.length, rps: (latencies.length / seconds).toFixed(1), p50: q(0.5), p95: q(0.95), max: latencies.at(-1)!.toFixed(0), statuses };
  };
  const baseline = await run(1, Math.min(10, SECONDS));
  const load = await run(CONCURRENCY, SECONDS);
  const bad = [...load.statuses].filter(([k]) => / (5\d\d|error)/.test(k));
  console.log(`\nLoad on the embedded database (production build, ${mix.length} request kinds in turn)`);
  console.log(`  baseline (1 client, ${Math.min(10, SECONDS)} s):   ${baseline.total} requests, ${baseline.rps}/s, p50 ${baseline.p50} ms, p95 ${baseline.p95} ms, max ${baseline.max} ms`);
  console.log(`  load (${CONCURRENCY} clients, ${SECONDS} s):   ${load.total} requests, ${load.rps}/s, p50 ${load.p50} ms, p95 ${load.p95} ms, max ${load.max} ms`);
  console.log(`  statuses: ${[...load.statuses].map(([k, v]) => `${k}: ${v}`).join(", ")}`);
  console.log(`  5xx or failed: ${bad.reduce((s, [, v]) => s + v, 0)}`);
  process.exitCode = bad.length ? 1 : 0;
} finally {
  await stop();
}

