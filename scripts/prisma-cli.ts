import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Runs the Prisma CLI offline: the engine variables point at an existing file so the CLI skips its
 * native-engine download (ENVIRONMENT.md); prisma.config.ts selects the WASM engine + pg adapter.
 */
export function prismaCli(args: string[], extraEnv: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const placeholder = path.resolve("package.json");
  const res = spawnSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      ...extraEnv,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: res.status ?? 1, stdout: res.stdout ?? "", stderr: res.stderr ?? "" };
}
