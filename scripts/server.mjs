/**
 * The production server (`npm start` via scripts/dev.ts --prod, the e2e server, the HTTP benchmarks):
 * one node:http server in front of Next.js (`next({ dev: false }).getRequestHandler()`, the build of
 * `next build`). The hot ingest webhooks (lib/api/ingest-routes.ts: POST /api/webhooks/leads) are
 * answered by a plain node handler calling the same lib code as their Next.js routes, outside the
 * Next.js request pipeline (web streams, `Request` objects, the proxy, gzip): measured by
 * `npm run bench:leads`, see ARCHITECTURE.md "Lead ingestion at volume". Every other request, pages
 * and API alike, goes to Next.js unchanged. The embedded executor starts in this process as with
 * `next start` (instrumentation.ts, run by `prepare()`).
 * Plain JavaScript on purpose: the receivers come compiled from the build (instrumentation.ts puts them
 * on `globalThis.__meIngestRoutes` during `prepare()`), so this process loads our code once, from
 * `.next/`. Loading lib/ a second time through tsx cost ~220 MB of RSS (bench:sse, issue 14).
 * Usage: node scripts/server.mjs [-p PORT] [-H HOST]
 */
import "./peer-address.mjs";
import http from "node:http";
import next from "next";

/** @param {string} flag */
const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const hostname = arg("-H");
// Next.js reads NODE_ENV before any settings module loads.
Object.assign(process.env, { NODE_ENV: "production" });

// Tells instrumentation.ts to register the receivers this server answers (not under a bare `next start`).
Object.assign(globalThis, { __meCustomServer: true });
const app = next({ dev: false, dir: process.cwd(), port, ...(hostname ? { hostname } : {}) });
await app.prepare();
const nextHandler = app.getRequestHandler();
// instrumentation.ts (run by Next.js at start-up, right after prepare()) registers the receivers, compiled by
// `next build`; until it has, their paths go to Next.js, whose routes answer them the same way.
/** @typedef {Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>>} Receivers */
const receivers = () => /** @type {Receivers | undefined} */ (/** @type {any} */ (globalThis).__meIngestRoutes);

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const receiver = receivers()?.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
  if (!receiver) return void nextHandler(req, res);
  receiver(req, res).catch((/** @type {unknown} */ err) => {
    console.error("ingest receiver failed", err);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▸ Ready on http://${hostname ?? "localhost"}:${port}`));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
  /** @type {((ms: number) => Promise<void>) | undefined} */
  const stopExecutor = /** @type {any} */ (globalThis).__meStopEmbeddedExecutor;
  await stopExecutor?.(5_000).catch(() => undefined);
  await app.close().catch(() => undefined);
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
