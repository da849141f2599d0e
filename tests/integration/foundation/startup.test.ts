import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { missingAuthSecretMessage, startupAuthSecret } from "@/lib/auth/secret";
import { resetEnvCache } from "@/lib/env";
import { getHealth } from "@/lib/health/get-health";
import { startEmbeddedExecutor, stopEmbeddedExecutor } from "@/lib/workflows/start-executor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * `npm start` as the README promises (issue 9): with DATABASE_URL and no AUTH_SECRET it uses a secret
 * generated in DATA_DIR instead of answering 500 everywhere, and /api/health says "down" when the
 * embedded executor did not start (it used to say "ok" while nothing ran the workflows).
 */
let t: TestDatabase;
let dataDir: string;
const saved = { ...process.env };

function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "me-startup-"));
});
afterEach(async () => {
  await stopEmbeddedExecutor(1_000);
  process.env = { ...saved };
  resetEnvCache();
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start without AUTH_SECRET", () => {
  it("generates the sign-in secret once in DATA_DIR and hands it to next start", () => {
    setEnv({ NODE_ENV: "production", DATABASE_URL: t.url, AUTH_SECRET: undefined, EMBEDDED_DB: undefined, DATA_DIR: dataDir });
    expect(missingAuthSecretMessage()).toMatch(/AUTH_SECRET is required/);
    const first = startupAuthSecret();
    expect(first.AUTH_SECRET).toMatch(/^[\w-]{40,}$/);
    expect(readFileSync(path.join(dataDir, "auth.secret"), "utf8").trim()).toBe(first.AUTH_SECRET);
    // The next start reuses it (sessions survive a restart), and next start with it set is fine.
    expect(startupAuthSecret()).toEqual(first);
    setEnv({ AUTH_SECRET: first.AUTH_SECRET });
    expect(missingAuthSecretMessage()).toBeNull();
    expect(startupAuthSecret()).toEqual({});
  });

  it("leaves a configured AUTH_SECRET alone and writes nothing", () => {
    const other = mkdtempSync(path.join(tmpdir(), "me-startup-set-"));
    setEnv({ NODE_ENV: "production", DATABASE_URL: t.url, AUTH_SECRET: "configured-secret-configured-secret-1234", DATA_DIR: other });
    expect(startupAuthSecret()).toEqual({});
    expect(existsSync(path.join(other, "auth.secret"))).toBe(false);
    rmSync(other, { recursive: true, force: true });
  });
});

describe("/api/health and the embedded executor", () => {
  it("reports the workflow engine down when the executor failed to start", async () => {
    setEnv({ NODE_ENV: "production", DATABASE_URL: t.url, AUTH_SECRET: undefined, EMBEDDED_DB: undefined, EMBEDDED_EXECUTOR: "auto", INNGEST_DEV: undefined, APP_URL: "http://127.0.0.1:9" });
    await expect(startEmbeddedExecutor()).rejects.toThrow(/AUTH_SECRET/);
    const health = await getHealth();
    expect(health.database.status).toBe("ok");
    expect(health.workflowEngine).toMatchObject({ status: "down", mode: "embedded" });
    expect(health.workflowEngine.detail).toMatch(/failed to start: AUTH_SECRET is required/);
    expect(health.status).toBe("down");
  });

  it("reports it ok once it runs", async () => {
    setEnv({ NODE_ENV: "production", DATABASE_URL: t.url, AUTH_SECRET: "configured-secret-configured-secret-1234", EMBEDDED_EXECUTOR: "auto", INNGEST_DEV: undefined, APP_URL: "http://127.0.0.1:9" });
    await startEmbeddedExecutor();
    const health = await getHealth();
    expect(health.workflowEngine).toMatchObject({ status: "ok", mode: "embedded" });
  });
});
