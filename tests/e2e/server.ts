/**
 * The app under end-to-end test: a fresh database (a new database on DATABASE_URL's server, or an
 * in-memory embedded PGlite), migrated and seeded with the demo organisation, then the production
 * server of `npm start` (scripts/server.mjs: the build made by `next build` beforehand). Cleans up on SIGTERM/SIGINT.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDb } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { freePort } from "../helpers/db";
import { META_CLIENT } from "../fakes/meta";
import { createPlatformFakes } from "../fakes/platforms";
import { peerAddressPreload } from "../../scripts/peer-address-preload";
import { serverArgs } from "../../scripts/server-command";
import { e2eDbFile } from "./support/slot";

const port = process.env.E2E_PORT ?? "3100";
let url: string;
let cleanup: () => Promise<void>;
const admin = process.env.DATABASE_URL;
if (admin) {
  const name = `me_e2e_${randomBytes(5).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  url = u.toString();
  cleanup = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await d.end();
  };
} else {
  const embedded = await startEmbeddedDb({ port: await freePort() });
  url = embedded.url;
  cleanup = embedded.stop;
}
await migrate(url);
// Every platform/OAuth fake in this process (as `npm run fakes` does), on free ports. Only Meta gets app
// credentials, so "Connect Meta" runs the real OAuth flow against its fake (tests/e2e/connections.spec.ts);
// the other providers stay unconfigured and their Connect buttons add sandbox accounts.
const fakes = createPlatformFakes();
const fakeUrls: Record<string, string> = {};
for (const [name, f] of Object.entries(fakes)) fakeUrls[name] = await f.server.start(await freePort());
// Production mode refuses to store tokens without explicit keys: one fresh key per run.
const encryptionKeys = process.env.ENCRYPTION_KEYS ?? `e2e:${randomBytes(32).toString("base64")}`;
// Tests read the mailbox (outbox table) of this database, as a person would read their email: links
// are in the sealed copy, opened with this run's keys (tests/e2e/support/mailbox.ts). One file per
// server: each Playwright worker slot has its own (tests/e2e/support/slot.ts).
mkdirSync("test-results", { recursive: true });
writeFileSync(e2eDbFile(Number(port)), JSON.stringify({ url, encryptionKeys }));
const env = {
  ...process.env,
  DATABASE_URL: url,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
  // "localhost", not 127.0.0.1: Next.js normalises loopback hosts to "localhost" in request URLs, so
  // sign-in links and cookies must use that name to match.
  APP_URL: `http://localhost:${port}`,
  DATA_DIR: path.join(".data", `e2e-${port}`),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  RATE_LIMIT_SIGNIN_PER_MIN: process.env.RATE_LIMIT_SIGNIN_PER_MIN ?? "30",
  ENCRYPTION_KEYS: encryptionKeys,
  PLATFORM_BASE_URLS: JSON.stringify(fakeUrls),
  META_APP_ID: META_CLIENT.clientId,
  META_APP_SECRET: META_CLIENT.clientSecret,
  // PGlite over the wire protocol does not deliver one connection's NOTIFY to another's LISTEN: the live
  // stream polls its log there, as the app does on its own embedded database.
  ...(admin ? {} : { LIVE_TRANSPORT: "poll" }),
};
if (process.env.E2E_SKIP_SEED !== "1") {
  const seed = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-loader.mjs", "prisma/seed.ts"], { stdio: "inherit", env });
  await new Promise<void>((resolve, reject) => seed.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed exited ${code}`)))));
}

const next = spawn(process.execPath, serverArgs({ port, host: "127.0.0.1" }), { stdio: "inherit", env: { ...env, ...peerAddressPreload(env) } });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  await Promise.all(Object.values(fakes).map((f) => f.server.stop())).catch((e) => console.error("stopping the fakes failed", e));
  await cleanup().catch((e) => console.error("e2e cleanup failed", e));
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
next.on("exit", () => void stop());
