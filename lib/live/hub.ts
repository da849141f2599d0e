import "server-only";
import pg from "pg";
import { currentDatabaseUrl } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { isLiveEventType, type LiveEventMessage } from "./types";
import { LIVE_CHANNEL } from "./publish";

/**
 * The per-process listener: one dedicated connection (the `live` share of DATABASE_POOL_MAX,
 * lib/db/pool-budget.ts) that learns of new rows of the live log and fans them out to this process's
 * subscribers of each organisation. On PostgreSQL it LISTENs (NOTIFY carries the id; a notification
 * triggers a catch-up read), on the embedded database it polls every 500 ms (PGlite's socket server
 * runs every connection on one backend and does not route notifications between connections).
 *
 * Delivery is a catch-up read per subscribed organisation (`id > the last id delivered`), so a lost
 * connection loses nothing: after reconnecting (backoff 250 ms .. 10 s) the next read covers the gap.
 * publishLiveEvent serialises each organisation's inserts, so its ids commit in order.
 */
export type LiveListener = (event: LiveEventMessage) => void;

export const POLL_INTERVAL_MS = 500;
const BATCH = 500;
const IDLE_CLOSE_MS = 10_000;

type Row = { id: string; organizationId: string; type: string; payload: Record<string, unknown>; createdAt: Date };

export class LiveHub {
  private readonly subs = new Map<string, Set<LiveListener>>();
  /** Per subscribed organisation: the last id delivered (every row up to it is committed). */
  private readonly cursor = new Map<string, bigint>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly opts: { url: () => string; mode: () => "listen" | "poll" }) {}

  /**
   * Receive the organisation's events from now on. Resolves with the id they start after: every row up
   * to it was committed before the subscription (a caller replays `id > its Last-Event-ID` itself).
   */
  async subscribe(organizationId: string, fn: LiveListener): Promise<{ since: string; unsubscribe: () => void }> {
    this.closed = false;
    this.clearIdle();
    const client = await this.connect();
    if (!this.cursor.has(organizationId)) {
      const r = await client.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM live_events WHERE "organizationId" = $1`, [organizationId]);
      if (!this.cursor.has(organizationId)) this.cursor.set(organizationId, BigInt(r.rows[0]?.max ?? "0"));
    }
    let set = this.subs.get(organizationId);
    if (!set) this.subs.set(organizationId, (set = new Set()));
    set.add(fn);
    const since = String(this.cursor.get(organizationId));
    this.read(); // a row committed between the max() above and now
    return { since, unsubscribe: () => this.unsubscribe(organizationId, fn) };
  }

  subscriberCount(): number {
    let n = 0;
    for (const s of this.subs.values()) n += s.size;
    return n;
  }

  /** Close the connection (tests, shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    this.clearIdle();
    const c = this.client;
    this.client = null;
    this.connecting = null;
    this.subs.clear();
    this.cursor.clear();
    await c?.end().catch(() => undefined);
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private clearTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private unsubscribe(organizationId: string, fn: LiveListener): void {
    const set = this.subs.get(organizationId);
    if (!set) return;
    set.delete(fn);
    if (set.size > 0) return;
    this.subs.delete(organizationId);
    this.cursor.delete(organizationId);
    if (this.subs.size === 0) {
      // Give the connection back when nobody listens (reloads reconnect within the delay).
      this.idleTimer = setTimeout(() => {
        if (this.subs.size === 0) void this.close();
      }, IDLE_CLOSE_MS);
      this.idleTimer.unref();
    }
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      for (;;) {
        const client = new pg.Client({ connectionString: this.opts.url(), application_name: "me-live" });
        try {
          await client.connect();
          const mode = this.opts.mode();
          if (mode === "listen") {
            client.on("notification", (n) => {
              if (n.channel === LIVE_CHANNEL) this.read();
            });
            await client.query(`LISTEN ${LIVE_CHANNEL}`);
          }
          client.on("error", (err) => this.lost(client, err));
          client.on("end", () => this.lost(client, new Error("connection ended")));
          this.client = client;
          this.connecting = null;
          this.attempt = 0;
          if (this.timer) clearInterval(this.timer);
          this.timer = setInterval(() => this.read(), mode === "poll" ? POLL_INTERVAL_MS : 30_000);
          this.timer.unref();
          this.read(); // whatever was missed while disconnected
          return client;
        } catch (err) {
          await client.end().catch(() => undefined);
          if (this.closed) throw err;
          const delay = Math.min(10_000, 250 * 2 ** this.attempt++);
          logger().warn({ err: (err as Error).message, delay }, "live: connection failed, retrying");
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    })();
    return this.connecting;
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.clearTimer();
    void client.end().catch(() => undefined);
    if (this.closed || this.subs.size === 0) return;
    logger().warn({ err: err.message }, "live: connection lost, reconnecting");
    void this.connect().catch(() => undefined);
  }

  /** Read and deliver new rows of every subscribed organisation; concurrent calls coalesce into one more read. */
  private read(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          await this.readOnce();
        } catch (err) {
          logger().warn({ err: (err as Error).message }, "live: read failed");
        }
      } while (this.again && this.client);
    })().finally(() => (this.reading = null));
  }

  private async readOnce(): Promise<void> {
    for (;;) {
      const client = this.client;
      if (!client || this.cursor.size === 0) return;
      const orgs = [...this.cursor.keys()];
      const r = await client.query<Row>(
        `SELECT e.id::text AS id, e."organizationId", e.type, e.payload, e."createdAt"
           FROM unnest($1::text[], $2::bigint[]) AS c(org, cur)
           JOIN live_events e ON e."organizationId" = c.org AND e.id > c.cur
          ORDER BY e.id LIMIT ${BATCH}`,
        [orgs, orgs.map((o) => String(this.cursor.get(o)))],
      );
      for (const row of r.rows) this.deliver(row);
      if (r.rows.length < BATCH) return;
    }
  }

  private deliver(row: Row): void {
    const id = BigInt(row.id);
    const cur = this.cursor.get(row.organizationId);
    if (cur === undefined || id <= cur) return;
    this.cursor.set(row.organizationId, id);
    if (!isLiveEventType(row.type)) return;
    const message: LiveEventMessage = { id: row.id, type: row.type, payload: row.payload ?? {}, createdAt: new Date(row.createdAt).toISOString() };
    for (const fn of this.subs.get(row.organizationId) ?? []) {
      try {
        fn(message);
      } catch (err) {
        logger().warn({ err: (err as Error).message }, "live: subscriber failed");
      }
    }
  }
}

const g = globalThis as unknown as { __meLiveHub?: LiveHub };

/** The process's hub (kept across Next.js hot reloads); follows setDb() in tests. */
export function liveHub(): LiveHub {
  g.__meLiveHub ??= new LiveHub({
    url: currentDatabaseUrl,
    mode: () => env().LIVE_TRANSPORT ?? (env().DATABASE_URL ? "listen" : "poll"),
  });
  return g.__meLiveHub;
}

/** Replay from the durable log: the organisation's events after `afterId` (ascending, at most `limit`). */
export async function readLiveEvents(client: { query: pg.Pool["query"] }, opts: { organizationId: string; afterId: string; limit: number }): Promise<LiveEventMessage[]> {
  const r = await client.query<Row>(
    // ORDER BY the column, not the text alias (text order puts "10" before "2").
    `SELECT e.id::text AS id, e."organizationId", e.type, e.payload, e."createdAt" FROM live_events e
      WHERE e."organizationId" = $1 AND e.id > $2::bigint ORDER BY e.id LIMIT $3`,
    [opts.organizationId, opts.afterId, opts.limit],
  );
  return r.rows.map((row) => ({ id: row.id, type: row.type as LiveEventMessage["type"], payload: row.payload ?? {}, createdAt: new Date(row.createdAt).toISOString() }));
}
