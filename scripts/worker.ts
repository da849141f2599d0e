/**
 * `npm run worker`: the embedded workflow executor in its own process, next to the web app
 * (`npm run dev` / `npm start`). Several workers and the web process can run it at once: work is
 * leased in PostgreSQL, never run twice concurrently. To keep it out of the web process, set
 * EMBEDDED_EXECUTOR=off there. With an Inngest server configured (INNGEST_DEV, or Inngest Cloud /
 * self-hosted keys) there is nothing to do and the worker exits.
 * It reaches the app at APP_URL (default http://127.0.0.1:$PORT) and the database at DATABASE_URL
 * (default: the embedded PostgreSQL that `npm run dev` serves).
 */
import { existsSync } from "node:fs";

for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);

const { loadEnv, detachProcessEnv } = await import("../lib/env");
// As the web process does (instrumentation.ts): the Inngest client enumerates process.env on every send.
detachProcessEnv();
try {
  loadEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const { serveUrl } = await import("../lib/workflows/config");
const { startEmbeddedExecutor, stopEmbeddedExecutor } = await import("../lib/workflows/start-executor");

const executor = await startEmbeddedExecutor({ worker: true });
if (!executor) {
  console.log("▸ An Inngest server runs the functions (INNGEST_DEV / INNGEST_SIGNING_KEY / INNGEST_BASE_URL): no worker needed.");
  process.exit(0);
}
console.log(`▸ Embedded executor worker ${executor.owner}: functions from ${serveUrl()}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("▸ Stopping: finishing in-flight steps (up to 10 s)...");
  await stopEmbeddedExecutor(10_000);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
