import { rm } from "node:fs/promises";
import { spawnSync } from "node:child_process";

/**
 * Pre-release only: regenerate the single init migration from the whole schema. Once a database
 * anywhere has applied a migration, use `npm run db:migration:new -- <name>` instead.
 */
await rm("prisma/migrations", { recursive: true, force: true });
await rm("prisma/.migrated-schema", { recursive: true, force: true });
const res = spawnSync(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-loader.mjs", "scripts/migration-new.ts", "init"], { stdio: "inherit" });
process.exit(res.status ?? 1);
