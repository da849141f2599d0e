import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";

export type Db = InstanceType<typeof PrismaClient>;
export { Prisma } from "./generated/client";

const globalForDb = globalThis as unknown as { __meDb?: Db };

/** Resolve the connection string: DATABASE_URL, or the embedded PGlite server started by scripts/dev.ts. */
export function databaseUrl(): string {
  const e = env();
  return e.DATABASE_URL ?? `postgresql://postgres@127.0.0.1:${e.EMBEDDED_DB_PORT}/postgres`;
}

export function createDb(connectionString: string = databaseUrl(), max = env().DATABASE_POOL_MAX): Db {
  const adapter = new PrismaPg({ connectionString, max });
  return new PrismaClient({ adapter });
}

/** The process-wide Prisma client (kept across Next.js hot reloads). Only lib/ may import it. */
export function db(): Db {
  globalForDb.__meDb ??= createDb();
  return globalForDb.__meDb;
}

/** Tests point the process-wide client at their own database. */
export function setDb(client: Db | undefined): void {
  globalForDb.__meDb = client;
}
