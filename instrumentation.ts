/**
 * Next.js start-up hook (Node.js runtime only): validate every setting once, with a message naming
 * each missing or malformed variable, before the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadEnv } = await import("./lib/env");
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
  const { startEmbeddedExecutor } = await import("./lib/workflows/start-executor");
  void startEmbeddedExecutor().catch((err) => console.error("Embedded workflow executor failed to start:", err));
}
