import { databaseUrl } from "@/lib/db/client";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { runsExecutorInWebProcess, serveUrl, workflowEngine } from "./config";
import { Executor } from "./executor";
import { executorToken } from "./secrets";

/**
 * Start the embedded executor once per process (kept across Next.js hot reloads).
 * - web process (instrumentation.ts): only when the engine is embedded and EMBEDDED_EXECUTOR != off;
 * - `npm run worker` (`{ worker: true }`): whenever the engine is embedded.
 * Returns null when an Inngest server runs the functions instead.
 */
const g = globalThis as unknown as { __meExecutor?: Executor };

export async function startEmbeddedExecutor(opts: { worker?: boolean } = {}): Promise<Executor | null> {
  const e = env();
  const log = childLogger({ module: "runtime" });
  if (workflowEngine(e) !== "embedded") {
    log.info("Inngest server configured (INNGEST_DEV / keys / INNGEST_BASE_URL): embedded executor off");
    return null;
  }
  if (!opts.worker && !runsExecutorInWebProcess(e)) {
    log.info("EMBEDDED_EXECUTOR=off: run `npm run worker` to execute functions");
    return null;
  }
  if (g.__meExecutor) return g.__meExecutor;
  const executor = new Executor({
    databaseUrl: databaseUrl(),
    serveUrl: serveUrl(e),
    serveToken: executorToken(),
    concurrency: e.EXECUTOR_CONCURRENCY,
    resyncIntervalMs: e.NODE_ENV === "development" ? 30_000 : 120_000,
  });
  g.__meExecutor = executor;
  await executor.start();
  return executor;
}

export async function stopEmbeddedExecutor(graceMs?: number): Promise<void> {
  const executor = g.__meExecutor;
  g.__meExecutor = undefined;
  await executor?.stop(graceMs);
}
