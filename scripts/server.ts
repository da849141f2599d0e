/**
 * The production server (`npm start` via scripts/dev.ts --prod, the e2e server, the HTTP benchmarks):
 * one node:http server in front of Next.js (`next({ dev: false }).getRequestHandler()`, the build of
 * `next build`). The hot ingest webhooks (lib/api/ingest-routes.ts: POST /api/webhooks/leads) are
 * answered by a plain node handler calling the same lib code as their Next.js routes, outside the
 * Next.js request pipeline (web streams, `Request` objects, the proxy, gzip): measured by
 * `npm run bench:leads`, see ARCHITECTURE.md "Lead ingestion at volume". Every other request, pages
 * and API alike, goes to Next.js unchanged. The embedded executor starts in this process as with
 * `next start` (instrumentation.ts, run by `prepare()`).
 * Usage: node --import tsx --import ./scripts/server-only-loader.mjs scripts/server.ts [-p PORT] [-H HOST]
 */
import "./peer-address.mjs";
import http from "node:http";
import next from "next";

const arg = (flag: string): string | undefined => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const hostname = arg("-H");
// Next.js reads NODE_ENV before any settings module loads.
Object.assign(process.env, { NODE_ENV: "production" });

const app = next({ dev: false, dir: process.cwd(), port, ...(hostname ? { hostname } : {}) });
await app.prepare();
const nextHandler = app.getRequestHandler();
// After prepare(): instrumentation.ts validated the settings; the receivers share this process's pools and metrics (globalThis).
const { ingestRoutes } = await import("../lib/api/ingest-routes");
const routes = ingestRoutes();

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const receiver = routes.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
  if (!receiver) return void nextHandler(req, res);
  receiver(req, res).catch((err: unknown) => {
    console.error("ingest receiver failed", err);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▸ Ready on http://${hostname ?? "localhost"}:${port} (ingest receivers: ${[...routes.keys()].join(", ")})`));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
  const { stopEmbeddedExecutor } = await import("../lib/workflows/start-executor");
  await stopEmbeddedExecutor(5_000).catch(() => undefined);
  await app.close().catch(() => undefined);
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
