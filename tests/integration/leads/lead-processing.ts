import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "inngest/next";
import { resetEnvCache } from "@/lib/env";
import { Executor } from "@/lib/runtime/executor";
import { resetClock } from "@/lib/runtime/clock";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { FAST, quietLogger, type AppServer } from "@/tests/integration/runtime/harness";
import { startEventServer, stopEventServer } from "@/tests/integration/approvals/support";

export type LeadProcessing = { t: TestDatabase; stop: () => Promise<void> };

/**
 * A test database, a DATA_DIR and mkt-301-process-lead on the embedded executor through the app's
 * serve() handler: what a lead receiver's test needs so its submissions become leads. `env` is set
 * before the app's modules read it (and removed by `stop`).
 */
export async function startLeadProcessing(env: Record<string, string | undefined> = {}): Promise<LeadProcessing> {
  resetClock();
  const t = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), "me-leads-"));
  const server: AppServer = await startEventServer();
  const vars = { DATA_DIR: dataDir, ...env };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  resetEnvCache();
  const { inngest } = await import("@/inngest/client");
  const { functions } = await import("@/inngest/index");
  server.setHandlers(serve({ client: inngest, functions: functions.filter((f) => f.id() === "mkt-301-process-lead") }) as never);
  const executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
  return {
    t,
    stop: async () => {
      await executor.stop(2_000);
      await stopEventServer(server);
      await t.cleanup();
      await rm(dataDir, { recursive: true, force: true });
      for (const k of Object.keys(vars)) delete process.env[k];
      resetEnvCache();
    },
  };
}
