import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { InngestFunction } from "inngest";
import { serve } from "inngest/next";
import { resetEnvCache } from "@/lib/env";
import { Executor } from "@/lib/runtime/executor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { FAST, quietLogger, type AppServer } from "@/tests/integration/runtime/harness";
import { startEventServer, stopEventServer } from "@/tests/integration/approvals/support";

type AppClient = typeof import("@/inngest/client").inngest;

/**
 * The app's workflows on the embedded executor, as the workflow tests need them: a test database, a
 * DATA_DIR of its own (media storage), the app's Inngest client pointed at a local serve() endpoint
 * hosting `functions`, and the executor started on that database. `stop()` undoes it all in order.
 * The client and the functions are imported after APP_URL is set (the client reads it at import).
 */
export type AppExecutor = { t: TestDatabase; server: AppServer; executor: Executor; inngest: AppClient; dataDir: string; stop: () => Promise<void> };

export async function startAppExecutor(opts: { dataDirPrefix: string; functions: () => Promise<InngestFunction.Any[]> }): Promise<AppExecutor> {
  const t = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), opts.dataDirPrefix));
  process.env.DATA_DIR = dataDir;
  const server = await startEventServer();
  const { inngest } = await import("@/inngest/client");
  server.setHandlers(serve({ client: inngest, functions: await opts.functions() }) as never);
  const executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
  const stop = async () => {
    await executor.stop(2_000);
    await stopEventServer(server);
    await t.cleanup();
    await rm(dataDir, { recursive: true, force: true });
    delete process.env.DATA_DIR;
    resetEnvCache();
  };
  return { t, server, executor, inngest, dataDir, stop };
}
