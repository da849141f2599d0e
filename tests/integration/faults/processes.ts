import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/**
 * The app's processes for the fault tests, as production runs them: fixtures/fault-process.ts bundled
 * once per test file with esbuild (the app's modules, tsconfig paths; npm packages stay external, loaded
 * by Node as `next start` loads its server externals), then started with plain `node`. A bundle starts
 * in about a second, where tsx would transform the whole app on every one of the 20 restarts; and it
 * runs the app's code under Node's own module rules (found: rrule's named import, which only bundlers
 * accepted, now a default import).
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const OUT = path.join(ROOT, "node_modules", ".cache", "me-faults");

export async function bundleFaultProcess(): Promise<string> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const outfile = path.join(OUT, `fault-process-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, "fixtures", "fault-process.ts")],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((n) => n !== "server-only"),
    alias: { "server-only": "./node_modules/server-only/empty.js" },
    // CommonJS dependencies bundled into ESM still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: "error",
  });
  return outfile;
}

export type Role = "app" | "worker";

/** A process of `bundle` that has loaded its code and waits for "go" (FAULT_STANDBY, fixtures/fault-process.ts). */
export type Standby = { process: ChildProcess; loaded: Promise<void>; ready: Promise<void> };

/**
 * Spawn a standby: the code loading of a start (most of its cost: Node reading the app's modules and
 * its npm packages, seconds on a busy 2-core machine) done ahead of time, so that a killed process is
 * replaced by a fresh one without waiting for it. Nothing else happens before activate().
 */
export function spawnStandby(bundle: string, env: NodeJS.ProcessEnv): Standby {
  const p = spawn(process.execPath, [bundle], { cwd: ROOT, env: { ...env, FAULT_STANDBY: "1" }, stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  const seen = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.includes(word)) {
          p.stdout!.off("data", onData);
          resolve();
        }
      };
      p.stdout!.on("data", onData);
      p.once("exit", (code, signal) => reject(new Error(`${env.FAULT_ROLE} exited before "${word}" (${code ?? signal})`)));
    });
  const standby = { process: p, loaded: seen("loaded"), ready: seen("ready") };
  // Rejections are read by activate(); a standby never activated must not fail the run when it is killed.
  standby.loaded.catch(() => undefined);
  standby.ready.catch(() => undefined);
  return standby;
}

/** Start a standby (it binds its port, connects and starts its executor now) and resolve once it prints "ready". */
export async function activate(s: Standby, timeoutMs = 60_000): Promise<ChildProcess> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`process did not start within ${timeoutMs} ms`)), timeoutMs)));
  try {
    await Promise.race([s.loaded, timeout]);
    s.process.stdin!.write("go\n");
    await Promise.race([s.ready, timeout]);
    return s.process;
  } finally {
    clearTimeout(timer);
  }
}

/** Start one process of `bundle` (load, then start) and resolve once it prints "ready". */
export function startProcess(bundle: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ChildProcess> {
  return activate(spawnStandby(bundle, env), timeoutMs);
}

export async function killProcess(p: ChildProcess | undefined, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once("exit", r));
  p.kill(signal);
  await exited;
}
