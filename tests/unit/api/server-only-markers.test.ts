import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every module that touches the database or secrets starts with `import "server-only"`, so that
 * Next.js refuses to build a client component that reaches it. "Touches" = imports (not type-only)
 * the database client, the migrator, the embedded database, settings, keys and ciphers, or a database
 * driver. Outside Next.js, vitest and tsx resolve "server-only" to its no-op build (vitest.config.ts,
 * scripts/server-only-loader.mjs).
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const SENSITIVE_FILES = ["lib/db/client.ts", "lib/db/migrate.ts", "lib/db/embedded.ts", "lib/env.ts", "lib/auth/secret.ts", "lib/auth/dev-secrets.ts"];
const SENSITIVE_DIRS = ["lib/crypto/"];
const SENSITIVE_PACKAGES = ["pg", "@prisma/client", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"];
/**
 * lib/crypto/envelope.ts is the cipher with its keys passed in: it reads no settings and holds no key, so
 * a test process (tests/e2e/support/mailbox.ts) can open what the app sealed with the keys it gave it.
 * The app reaches it through lib/crypto/token-cipher.ts, which is server-only.
 */
const SKIP = ["lib/db/generated/", "lib/crypto/envelope.ts"];

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return walk(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  return null;
}

/** Value imports (import/export ... from, bare imports, dynamic imports); `import type` and `export type` are erased and do not count. */
export function valueImports(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm)) if (!m[2]) specs.push(m[3]!);
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specs.push(m[1]!);
  return specs;
}

export function touchesDatabaseOrSecrets(file: string, source: string): string | null {
  if (SENSITIVE_FILES.includes(file) || SENSITIVE_DIRS.some((d) => file.startsWith(d))) return file;
  for (const spec of valueImports(source)) {
    if (SENSITIVE_PACKAGES.includes(spec)) return spec;
    const target = resolve(file, spec);
    if (target && (SENSITIVE_FILES.includes(target) || SENSITIVE_DIRS.some((d) => target.startsWith(d)))) return target;
  }
  return null;
}

describe("server-only markers", () => {
  it("every lib module that touches the database or secrets imports server-only", () => {
    const missing = walk("lib")
      .filter((f) => !SKIP.some((s) => f.startsWith(s)))
      .flatMap((f) => {
        const source = readFileSync(path.join(ROOT, f), "utf8");
        const why = touchesDatabaseOrSecrets(f, source);
        return why && !/^import "server-only";$/m.test(source) ? [`${f} (uses ${why})`] : [];
      });
    expect(missing).toEqual([]);
  });

  it("the detector sees value imports and ignores type-only ones", () => {
    expect(touchesDatabaseOrSecrets("lib/x/a.ts", 'import { db } from "@/lib/db/client";')).toBe("lib/db/client.ts");
    expect(touchesDatabaseOrSecrets("lib/orgs/a.ts", 'import { env } from "../env";')).toBe("lib/env.ts");
    expect(touchesDatabaseOrSecrets("lib/x/a.ts", 'import type { Prisma } from "@/lib/db/client";')).toBeNull();
    expect(touchesDatabaseOrSecrets("lib/x/a.ts", 'const { db } = await import("@/lib/db/client");')).toBe("lib/db/client.ts");
    expect(touchesDatabaseOrSecrets("lib/x/a.ts", 'import pg from "pg";')).toBe("pg");
  });
});
