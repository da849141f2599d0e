import "server-only";
import { databaseUrl } from "@/lib/db/client";
import { poolSizes } from "@/lib/db/pool-budget";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { Executor } from "@/lib/runtime/executor";
import { localServe } from "@/lib/runtime/local-serve";
import { ingestActiveWithin } from "@/lib/runtime/signal";
import { runsExecutorInWebProcess, serveUrl, workflowEngine } from "./config";
import { executorToken } from "./secrets";

/**
 * Start the embedded executor once per process (kept across Next.js hot reloads), handing it what
 * it needs from the app: the database, the serve URL and its token, the logger.
 * - web process (instrumentation.ts): only when the engine is embedded and EMBEDDED_EXECUTOR != off;
 * - `npm run worker` (`{ worker: true }`): whenever the engine is embedded.
 * Returns null when an Inngest server runs the functions instead.
 */
/** Whether the executor this process should run did start; read by /api/health (shared across bundles). */
export type ExecutorState = { status: "not-started" | "starting" | "running" | "failed" | "elsewhere"; detail?: string };
const g = globalThis as unknown as { __meExecutor?: Executor; __meExecutorState?: ExecutorState };

export function embeddedExecutorState(): ExecutorState {
  return g.__meExecutorState ?? { status: "not-started" };
}

export async function startEmbeddedExecutor(opts: { worker?: boolean } = {}): Promise<Executor | null> {
  const e = env();
  const log = logger().child({ module: "runtime" });
  if (workflowEngine(e) !== "embedded") {
    log.info("Inngest server configured (INNGEST_DEV / keys / INNGEST_BASE_URL): embedded executor off");
    return null;
  }
  if (!opts.worker && !runsExecutorInWebProcess(e)) {
    log.info("EMBEDDED_EXECUTOR=off: run `npm run worker` to execute functions");
    g.__meExecutorState = { status: "elsewhere", detail: "EMBEDDED_EXECUTOR=off: functions run in `npm run worker`" };
    return null;
  }
  if (g.__meExecutor) return g.__meExecutor;
  g.__meExecutorState = { status: "starting" };
  try {
    const executor = await createAndStart(e);
    g.__meExecutorState = { status: "running" };
    return executor;
  } catch (err) {
    g.__meExecutor = undefined;
    g.__meExecutorState = { status: "failed", detail: `embedded executor failed to start: ${(err as Error).message.split("\n")[0]}` };
    throw err;
  }
}

/** A burst of deliveries within this long (lib/runtime/signal.ts) keeps the executor to an eighth of its slots. */
const INGEST_QUIET_MS = 1_000;

async function createAndStart(e: ReturnType<typeof env>): Promise<Executor> {
  const executor = new Executor({
    databaseUrl: databaseUrl(),
    serveUrl: serveUrl(e),
    serveToken: executorToken(),
    concurrency: e.EXECUTOR_CONCURRENCY,
    // While deliveries queue at this process's ingest receivers (a burst of webhooks), an eighth of the
    // slots (one by default): accepting comes first, processing follows in the background and drains at
    // full concurrency once the burst is over (bench:leads, ARCHITECTURE.md "Lead ingestion at volume").
    slots: () => (ingestActiveWithin(INGEST_QUIET_MS) ? Math.max(1, Math.floor(e.EXECUTOR_CONCURRENCY / 8)) : e.EXECUTOR_CONCURRENCY),
    // Its share of this process's connection budget (lib/db/pool-budget.ts); a worker process has the executor's share only too.
    poolMax: poolSizes(e.DATABASE_POOL_MAX, true).executor,
    // Calls go straight to this process's serve route once Next.js has loaded it (`npm start`, `next
    // start`); the worker process has none and calls over HTTP.
    localServe,
    resyncIntervalMs: e.NODE_ENV === "development" ? 30_000 : 120_000,
    logger: logger(),
  });
  g.__meExecutor = executor;
  await executor.start();
  return executor;
}

export async function stopEmbeddedExecutor(graceMs?: number): Promise<void> {
  const executor = g.__meExecutor;
  g.__meExecutor = undefined;
  g.__meExecutorState = undefined;
  await executor?.stop(graceMs);
}
