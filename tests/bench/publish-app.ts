/**
 * The "web" side of `npm run bench:publish`, in its own processes as in production (the app serves
 * the functions; `npm run worker` executes them): a cluster of BENCH_APP_PROCESSES workers sharing
 * one port, each hosting the real serve() handler of MKT-107 and the event API on its own Prisma
 * client. Started by tests/bench/publish.ts; not a command of its own.
 */
import cluster from "node:cluster";
import { serve } from "inngest/next";
import { createDb, setDb } from "@/lib/db/client";
import { buildMkt107Publish } from "@/inngest/functions/content-flywheel/mkt-107-publish";
import { startAppServer, testClient } from "@/tests/integration/runtime/harness";

const port = Number(process.env.BENCH_APP_PORT);
const processes = Number(process.env.BENCH_APP_PROCESSES ?? 1);
const databaseUrl = process.env.BENCH_DATABASE_URL!;

if (cluster.isPrimary) {
  let ready = 0;
  for (let i = 0; i < processes; i++) {
    cluster.fork().on("message", (m) => {
      if (m === "ready" && ++ready === processes) process.send?.("ready");
    });
  }
  cluster.on("exit", (_w, code) => {
    if (code !== 0) process.exit(code ?? 1);
  });
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 2_000).unref();
  });
} else {
  setDb(createDb(databaseUrl));
  const server = await startAppServer({ port });
  const client = testClient(server.origin, "bench");
  server.setHandlers(serve({ client, functions: [buildMkt107Publish(client)] }) as never);
  process.send?.("ready");
  // A clean exit (not a kill) so --cpu-prof can write its profile.
  process.on("SIGTERM", () => process.exit(0));
  process.on("disconnect", () => process.exit(0));
}
