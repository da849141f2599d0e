import { defineConfig } from "@playwright/test";
import { E2E_BASE_PORT, E2E_WORKERS, e2ePort } from "./tests/e2e/support/slot";

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download browsers here). Run after `next build`.
 * E2E_WORKERS workers (2 by default), each with its own server and database on E2E_PORT + its slot
 * (tests/e2e/support/slot.ts). This file is also read by each worker, where TEST_PARALLEL_INDEX
 * picks the worker's server as baseURL.
 */
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGE_PASSES = /\/i18n\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Files (and the tests of a file) run in order on one worker unless the file says otherwise.
  fullyParallel: false,
  workers: E2E_WORKERS,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://localhost:${e2ePort()}`,
    locale: "fr-FR",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  // The two whole-app page passes (every page in French, also resized to 390 px, and in English: a few
  // minutes each) are dispatched first, so the two workers end together instead of one finishing a pass alone.
  projects: [
    { name: "pages", testMatch: PAGE_PASSES },
    { name: "flows", testIgnore: PAGE_PASSES },
  ],
  webServer: Array.from({ length: E2E_WORKERS }, (_, slot) => ({
    command: "npx tsx --import ./scripts/server-only-loader.mjs tests/e2e/server.ts",
    env: { E2E_PORT: String(E2E_BASE_PORT + slot) },
    url: `http://127.0.0.1:${E2E_BASE_PORT + slot}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
  })),
});
