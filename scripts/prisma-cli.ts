import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Runs the Prisma CLI offline: the engine variables point at an existing file so the CLI skips its
 * native-engine download (offline machines); prisma.config.ts selects the WASM engine + pg adapter.
 * Asynchronous on purpose: the CLI may connect to an embedded PGlite server living in this very
 * process, which must keep serving while we wait.
 */
export async function prismaCli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const placeholder = path.resolve("package.json");
  const child = spawn(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      ...extraEnv,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const status = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  return { status, stdout, stderr };
}
