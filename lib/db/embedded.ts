import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded database: PostgreSQL (PGlite, WASM) served over the wire protocol on a local port,
 * so the app reaches it through the same `pg` path as a real server. `dataDir` undefined = in memory.
 */
export type EmbeddedDb = { url: string; stop: () => Promise<void> };

export async function startEmbeddedDb(opts: { dataDir?: string; port: number; host?: string }): Promise<EmbeddedDb> {
  let db: PGlite;
  if (opts.dataDir) {
    const dir = path.resolve(opts.dataDir);
    await mkdir(dir, { recursive: true });
    db = await PGlite.create(dir);
  } else {
    db = await PGlite.create();
  }
  const host = opts.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({ db, host, port: opts.port, maxConnections: 20 });
  await server.start();
  return {
    url: `postgresql://postgres@${host}:${opts.port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
