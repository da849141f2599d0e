import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { EMBEDDED_DB_MAX_CONNECTIONS } from "./pool-budget";

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
  const server = new PGLiteSocketServer({ db, host, port: opts.port, maxConnections: EMBEDDED_DB_MAX_CONNECTIONS });
  keepExtendedQueriesTogether(server, db);
  await server.start();
  return {
    url: `postgresql://postgres@${host}:${opts.port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

type QueueItem = { handlerId: number; message: Uint8Array; resolve: (bytes: number) => void; reject: (err: unknown) => void; onData: (data: Uint8Array) => void };
type QueryQueue = { queue: QueueItem[]; processing: boolean; lastHandlerId: number | null; processQueue: () => Promise<void>; clearQueueForHandler: (id: number) => void };

/** Extended-query messages that leave an exchange open until the connection's Sync: Parse, Bind, Describe, Execute, Close, Flush. */
const OPENS_EXCHANGE = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * pglite-socket runs every connection's messages through one queue, one message at a time, and keeps a
 * connection to itself only inside a transaction. Outside one, the Parse/Bind/Execute/Sync of two
 * connections can interleave (one connection's Bind then meets the other's unnamed statement: "bind
 * message supplies 2 parameters, but prepared statement requires 5", or results swapped). Seen under
 * load with the Next.js pool and the executor pool on separate connections. Fix: once a connection
 * starts an extended-query exchange, serve only that connection until its Sync (or simple Query).
 * This replaces the queue's private loop (pglite-socket 0.2.17; re-check on upgrade).
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let owner: number | null = null;
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (id: number) => {
    if (owner === id) owner = null;
    clear(id);
  };
  q.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const pinned = owner ?? (db.isInTransaction() ? this.lastHandlerId : null);
        const index = pinned === null ? 0 : this.queue.findIndex((i) => i.handlerId === pinned);
        if (index === -1) break; // the pinned connection's next message has not arrived yet
        const item = this.queue.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await db.runExclusive(() => db.execProtocolRawStream(item.message, { onRawData: (data: Uint8Array) => ((bytes += data.length), item.onData(data)) }));
        } catch (err) {
          owner = null;
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        owner = OPENS_EXCHANGE.has(item.message[0]!) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
