import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// "server-only" throws unless resolved with the react-server condition (as Next.js does for server
// code); tests run server code, so they get its no-op build.
const alias = { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") };
const env = { NODE_ENV: "test", LOG_LEVEL: "silent", TZ: "UTC" } as const;
const KILL_TEST = "tests/integration/faults/kill.test.ts";
/** What the integration projects share: real PostgreSQL (one database per file), isolated forks. */
const integration = {
  env,
  environment: "node",
  globalSetup: ["tests/helpers/global-setup.ts"],
  // next-auth imports "next/server" without an extension; let Vite resolve it.
  server: { deps: { inline: ["next-auth", "@auth/core"] } },
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: "forks" as const,
};

export default defineConfig({
  resolve: { alias },
  test: {
    // 2-core machines: more workers only thrash.
    maxWorkers: 2,
    // Only the unit project runs on threads. Its tests are pure (no env changes, no mocks, no
    // database), so each worker keeps one module graph instead of re-importing zod, next-intl, the
    // catalogues... per file: isolation was three quarters of the suite's time. Vitest reads pool
    // isolation from the root config only. Integration tests stay on isolated forks.
    poolOptions: { threads: { isolate: false } },
    // `--coverage` (scripts/test-all.sh runs unit + integration once, with it): V8 coverage of lib/ and
    // inngest/ over both projects, one report. Untested files count as 0% (all: true), so the figure is
    // not flattered by code no test loads. scripts/coverage-report.ts prints the per-folder figures.
    coverage: {
      provider: "v8",
      all: true,
      include: ["lib/**/*.ts", "inngest/**/*.ts"],
      exclude: ["lib/db/generated/**", "**/*.test.ts", "**/*.d.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
    },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "lib/**/*.test.ts"],
          env,
          environment: "node",
          // Threads without isolation (poolOptions above): see there.
          pool: "threads",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/contract/**/*.test.ts"],
          exclude: [...configDefaults.exclude, KILL_TEST],
          ...integration,
        },
      },
      {
        // The kill test (issue 18) starts its own app and worker processes and SIGKILLs them 20 times:
        // it needs the machine's two cores to itself (next to another test file each restart and each
        // chain step would take several times longer, and its timings would be another file's load).
        // Its own project, in a later group: it starts once unit and integration have finished.
        resolve: { alias },
        test: {
          name: "faults-kill",
          include: [KILL_TEST],
          ...integration,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
