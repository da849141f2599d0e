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

/** Start one process of `bundle` and resolve once it prints "ready". */
export function startProcess(bundle: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ChildProcess> {
  const p = spawn(process.execPath, [bundle], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${env.FAULT_ROLE} did not start within ${timeoutMs} ms`)), timeoutMs);
    let out = "";
    p.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready")) {
        clearTimeout(timer);
        resolve(p);
      }
    });
    p.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${env.FAULT_ROLE} exited before ready (${code ?? signal})`));
    });
  });
}

export async function killProcess(p: ChildProcess | undefined, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once("exit", r));
  p.kill(signal);
  await exited;
}
