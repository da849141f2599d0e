import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

/**
 * Zero-configuration secrets for development: generated once, kept in DATA_DIR (git-ignored), and
 * announced with a warning. Production must set the real setting (checked by the caller).
 */
export function devSecret(name: string, bytes = 32): string {
  const dir = path.resolve(env().DATA_DIR);
  const file = path.join(dir, `${name}.secret`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const value = randomBytes(bytes).toString("base64url");
  writeFileSync(file, value, { mode: 0o600 });
  logger().warn({ file }, `generated a development secret "${name}"; set it explicitly in production`);
  return value;
}
