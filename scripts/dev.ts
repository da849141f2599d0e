/**
 * `npm run dev`: the whole product on one machine with zero configuration.
 *  1. validates settings (lib/env.ts) and says what is wrong;
 *  2. without DATABASE_URL, starts the embedded PostgreSQL (PGlite, data in .data/pglite);
 *  3. applies migrations; seeds the demo organisation (DEMO_SEED=false to skip);
 *  4. starts Next.js (dev server, or `--prod`: build once then the production server scripts/server.mjs,
 *     Next.js behind a node:http server that answers the hot ingest webhooks itself).
 * The embedded workflow executor starts inside the Next.js process (instrumentation.ts).
 */
import { spawn, type SpawnOptions } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { loadEnv } from "../lib/env";
import { startEmbeddedDb, type EmbeddedDb } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { embeddedBudgetProblem } from "../lib/db/pool-budget";
import { peerAddressPreload } from "./peer-address-preload";
import { serverArgs } from "./server-command";
import { startupAuthSecret } from "../lib/auth/secret";

const prod = process.argv.includes("--prod");
let settings;
try {
  settings = loadEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

let embedded: EmbeddedDb | undefined;
let databaseUrl = settings.DATABASE_URL;
if (!databaseUrl) {
  const problem = embeddedBudgetProblem(settings.DATABASE_POOL_MAX);
  if (problem) {
    console.error(`▸ ${problem}`);
    process.exit(1);
  }
  const dataDir = path.join(settings.DATA_DIR, "pglite");
  console.log(`▸ No DATABASE_URL: starting the embedded PostgreSQL (PGlite) on 127.0.0.1:${settings.EMBEDDED_DB_PORT}, data in ${dataDir}`);
  embedded = await startEmbeddedDb({ dataDir, port: settings.EMBEDDED_DB_PORT });
  databaseUrl = embedded.url;
}

const migrated = await migrate(databaseUrl, { log: (m) => console.log(`▸ ${m}`) });
console.log(`▸ Database ready (${migrated.total} migrations, ${migrated.applied.length} newly applied)`);

// No AUTH_SECRET: the generated one in DATA_DIR (as `npm run dev`), so `npm start` with only DATABASE_URL signs people in.
const generatedSecret = startupAuthSecret();
if (generatedSecret.AUTH_SECRET) console.log(`▸ No AUTH_SECRET: using the generated one in ${settings.DATA_DIR}/auth.secret (set AUTH_SECRET in production)`);
const childEnv: NodeJS.ProcessEnv = { ...process.env, ...generatedSecret, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, ...(embedded ? { EMBEDDED_DB: "1" } : {}) };

/** Child processes are awaited asynchronously: the embedded database lives in this process's event loop. */
function run(args: string[], opts: SpawnOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

if (settings.DEMO_SEED) {
  const status = await run(["--import", "tsx", "--import", "./scripts/server-only-loader.mjs", "prisma/seed.ts"], { env: childEnv });
  if (status !== 0) console.warn("▸ Demo seed failed (the app still starts); see the error above.");
}

const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
if (prod && !existsSync(path.join(".next", "BUILD_ID"))) {
  const status = await run([nextBin, "build"], { env: { ...childEnv, NODE_ENV: "production" } });
  if (status !== 0) process.exit(status);
}
const port = String(settings.PORT);
// The development server listens on loopback only (its mailbox and error overlay are for this machine);
// `npm start` listens as Next.js does (every interface), behind whatever proxy the deployment has.
// Never "-H 0.0.0.0": Next.js reports that host in request URLs and sign-in redirects would point there.
const next = spawn(process.execPath, prod ? serverArgs({ port }) : [nextBin, "dev", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...childEnv, ...peerAddressPreload(childEnv), ...(prod ? { NODE_ENV: "production" } : {}) },
});
console.log(`\n▸ MarketingEngine: http://localhost:${port}`);
if (settings.DEMO_SEED) console.log("▸ Demo login: demo@marketingengine.app / demo-password\n");

let stopping = false;
async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
next.on("exit", (code) => void stop(code ?? 0));
