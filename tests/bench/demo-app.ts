/**
 * The production app of the benchmarks that drive it over HTTP (bench:load, bench:approvals): demo data
 * seeded into `databaseUrl`, the production server (scripts/server.mjs: Next.js after `next build` and the
 * node:http ingest receivers) on `port`, healthy before this resolves;
 * and the demo user's session cookie. Not a command of its own.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { peerAddressPreload } from "../../scripts/peer-address-preload";
import { serverArgs } from "../../scripts/server-command";

export async function startDemoApp(o: { databaseUrl: string; embedded: boolean; port: number; label: string; env?: Record<string, string> }): Promise<{ origin: string; pid: number; stop: () => Promise<void> }> {
  const origin = `http://localhost:${o.port}`;
  const env = {
    ...process.env,
    DATABASE_URL: o.databaseUrl,
    ...(o.embedded ? { EMBEDDED_DB: "1" } : {}),
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    APP_URL: origin,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), `me-bench-${o.label}-`)),
    LOG_LEVEL: "error",
    RATE_LIMIT_SIGNIN_PER_MIN: "1000",
    ...o.env,
  };
  const child = (args: string[], extra: Record<string, string> = {}) => spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...env, ...extra } });
  const seed = child(["--import", "tsx", "--import", "./scripts/server-only-loader.mjs", "prisma/seed.ts"]);
  await new Promise<void>((resolve, reject) => seed.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`seed exited ${c}`)))));
  // BENCH_CPU_PROF=<dir>: the app process writes a V8 CPU profile there when it stops (find the cost before changing code).
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const next = child(serverArgs({ port: o.port, host: "127.0.0.1", nodeFlags: prof }), peerAddressPreload(env));
  const stop = async () => {
    const exited = new Promise((r) => next.once("exit", r));
    next.kill("SIGTERM");
    // A profiled process writes its profile on the way out: wait for it (bounded), not a fixed half second.
    await Promise.race([exited, new Promise((r) => setTimeout(r, prof.length ? 15_000 : 500))]);
  };
  for (let i = 0; ; i++) {
    const ok = await fetch(`${origin}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (i > 240) {
      await stop();
      throw new Error("the app did not become healthy in 120 s");
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { origin, pid: next.pid!, stop };
}

/** The demo user's session cookie ("name=value"), through next-auth's credentials callback. */
export async function signInDemo(origin: string): Promise<string> {
  const csrfRes = await fetch(`${origin}/api/auth/csrf`);
  const jar = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar, origin },
    body: new URLSearchParams({ csrfToken, email: "demo@marketingengine.app", password: "demo-password", callbackUrl: "/" }),
    redirect: "manual",
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed: ${res.status}`);
  return session;
}
