import { startEmbeddedDb } from "../lib/db/embedded";
import { freePort } from "../tests/helpers/db";

/**
 * `prisma migrate diff` (WASM engine + adapter) connects to a database even for datamodel diffs.
 * Use DATABASE_URL when set, else a throwaway in-memory PGlite server.
 */
export async function withDiffDb<T>(fn: (url: string) => Promise<T> | T): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const embedded = await startEmbeddedDb({ port: await freePort() });
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}
