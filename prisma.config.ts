import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Offline-friendly Prisma CLI configuration (see ../shared/docs/ENVIRONMENT.md):
// the WASM schema engine ("js") with the pg driver adapter, so `prisma migrate diff`
// works without downloading native engines. The CLI needs a reachable PostgreSQL; scripts
// set PRISMA_DIFF_DATABASE_URL to a scratch database they own.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () =>
    new PrismaPg({
      connectionString:
        process.env.PRISMA_DIFF_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    }),
});
