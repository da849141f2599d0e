/**
 * Next.js start-up hook (Node.js runtime only): validate every setting once, with a message naming
 * each missing or malformed variable, before the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadEnv, detachProcessEnv } = await import("./lib/env");
  // process.env as a plain object from here on: the Inngest SDK enumerates it on every call it handles.
  detachProcessEnv();
  try {
    loadEnv();
  } catch (err) {
    console.error((err as Error).message);
    throw err;
  }
  // Production without AUTH_SECRET (plain `next start`; `npm start` generates one): every page would answer 500.
  const { missingAuthSecretMessage } = await import("./lib/auth/secret");
  const missing = missingAuthSecretMessage();
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
  // Embedded workflow executor when no Inngest server is configured (EMBEDDED_EXECUTOR=off: `npm run worker`).
  const { startEmbeddedExecutor, stopEmbeddedExecutor } = await import("./lib/workflows/start-executor");
  void startEmbeddedExecutor().catch((err) => console.error("Embedded workflow executor failed to start:", err));
  // For the production server (scripts/server.mjs, plain JavaScript): the ingest receivers it answers
  // outside Next.js, and the executor's graceful stop, compiled here with the rest of the build so that
  // process loads our code once.
  if ((globalThis as { __meCustomServer?: boolean }).__meCustomServer) {
    const { ingestRoutes } = await import("./lib/api/ingest-routes");
    const routes = ingestRoutes();
    Object.assign(globalThis, { __meIngestRoutes: routes, __meStopEmbeddedExecutor: stopEmbeddedExecutor });
    console.log(`▸ Ingest receivers outside Next.js (scripts/server.mjs): ${[...routes.keys()].join(", ")}`);
  }
}
