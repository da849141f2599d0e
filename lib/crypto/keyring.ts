import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

import { parseKeyring, type Keyring } from "./envelope";

export { parseKeyring, type Keyring };

/** A fresh key entry for ENCRYPTION_KEYS (used by `npm run secrets:rotate -- --new-key`). */
export function generateKeyEntry(id = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

let cached: { spec: string | undefined; ring: Keyring } | undefined;

/**
 * The keyring from settings. Absent ENCRYPTION_KEYS: a development key generated once into
 * DATA_DIR (with a warning); refused in production.
 */
export function keyring(): Keyring {
  const e = env();
  if (cached && cached.spec === e.ENCRYPTION_KEYS) return cached.ring;
  let ring: Keyring;
  if (e.ENCRYPTION_KEYS) {
    ring = parseKeyring(e.ENCRYPTION_KEYS);
  } else {
    if (e.NODE_ENV === "production") throw new Error("ENCRYPTION_KEYS must be set in production (see .env.example)");
    ring = parseKeyring(devKeyEntry(path.resolve(e.DATA_DIR)));
  }
  cached = { spec: e.ENCRYPTION_KEYS, ring };
  return ring;
}

function devKeyEntry(dir: string): string {
  const file = path.join(dir, "encryption-key.secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const entry = generateKeyEntry("dev");
  writeFileSync(file, entry, { mode: 0o600 });
  logger().warn({ file }, "ENCRYPTION_KEYS is not set: generated a development encryption key; set ENCRYPTION_KEYS in production");
  return entry;
}

export function resetKeyringCache(): void {
  cached = undefined;
}
