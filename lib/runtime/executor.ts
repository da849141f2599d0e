import type pino from "pino";
import { childLogger } from "@/lib/log";
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from "./backoff";
import { now as clockNow } from "./clock";
import { workerId } from "./ids";
import { processCall } from "./process-call";
import { processEvent, processTimer, processWaitTimeout, purgeExpiredKeys, runScheduler } from "./process-other";
import { claimItems, LeaseLostError, renewLease, type QueueItem } from "./queue";
import { FunctionRegistry } from "./registry";
import { notifyWork, onWork } from "./signal";
import { createPool, exec, type Pool } from "./sql";
import { syncFunctions, type SyncResult } from "./sync";
import { LeaseState, type WorkContext } from "./work-context";

/**
 * The embedded executor: syncs the app's functions from its serve endpoint, then claims queue
 * items (leases with expiry, renewed while working) and processes up to `concurrency` at once.
 * Several executors (web process, `npm run worker`) can share one database.
 */
export type ExecutorOptions = {
  /** The app's PostgreSQL; the executor keeps its own small pool on it. */
  databaseUrl: string;
  /** Pool size (default concurrency + 2, at most 12: PGlite serves 20 connections in all). */
  poolMax?: number;
  /** The app's Inngest serve endpoint, e.g. http://127.0.0.1:3000/api/inngest. */
  serveUrl: string;
  /** Bearer token the serve route requires (lib/runtime/secrets.ts); none for a bare serve(). */
  serveToken?: string;
  concurrency?: number;
  /** Idle poll interval; in-process work wakes the loop at once. */
  pollMs?: number;
  /** Lease duration; renewed every leaseMs/3 while an item is processed. */
  leaseMs?: number;
  backoff?: BackoffOptions;
  /** Backoff while the serve endpoint is unreachable (not counted as attempts). */
  infraBackoff?: BackoffOptions;
  maxInfraRetries?: number;
  callTimeoutMs?: number;
  /** Steps run back to back in one lease before the run goes back to the queue. */
  maxInlineSteps?: number;
  schedulerIntervalMs?: number;
  /** Re-sync the function list this often (0 = only at start). */
  resyncIntervalMs?: number;
  /** Wait for the first sync before start() resolves (tests). */
  awaitSync?: boolean;
  logger?: pino.Logger;
};

export class Executor {
  readonly owner = workerId();
  readonly registry: FunctionRegistry;
  readonly pool: Pool;
  private readonly ctx: Omit<WorkContext, "lease">;
  private readonly active = new Map<string, Promise<void>>();
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private stopped = true;
  private loopDone: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;
  private synced = false;
  private lastSync: SyncResult | undefined;

  constructor(private readonly opts: ExecutorOptions) {
    this.concurrency = opts.concurrency ?? 8;
    this.pollMs = opts.pollMs ?? 250;
    this.leaseMs = opts.leaseMs ?? 30_000;
    const log = opts.logger ?? childLogger({ module: "runtime", worker: this.owner });
    this.pool = createPool(opts.databaseUrl, opts.poolMax ?? Math.min(this.concurrency + 2, 12), (err) => log.warn({ err }, "database connection error"));
    this.registry = new FunctionRegistry(this.pool);
    this.ctx = {
      db: this.pool,
      registry: this.registry,
      owner: this.owner,
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      infraBackoff: opts.infraBackoff ?? { baseMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 },
      callTimeoutMs: opts.callTimeoutMs ?? 15 * 60_000,
      serveToken: opts.serveToken,
      maxInlineSteps: opts.maxInlineSteps ?? 50,
      maxInfraRetries: opts.maxInfraRetries ?? 500,
      log,
      stopping: () => this.stopped,
      notify: () => notifyWork(),
    };
  }

  get log(): pino.Logger {
    return this.ctx.log;
  }

  get lastSyncResult(): SyncResult | undefined {
    return this.lastSync;
  }

  get inFlight(): number {
    return this.active.size;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onWork(() => this.signal());
    const firstSync = this.syncUntilDone();
    if (this.opts.awaitSync) await firstSync;
    else await this.registry.refresh().catch(() => undefined);
    this.loopDone = this.loop();
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err) => this.log.error({ err }, "runtime background task failed")), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.opts.schedulerIntervalMs ?? 1_000, () => runScheduler({ ...this.ctx, lease: new LeaseState("scheduler") }));
    every(5_000, () => this.registry.refresh());
    every(10 * 60_000, () => purgeExpiredKeys(this.ctx));
    const resync = this.opts.resyncIntervalMs ?? 0;
    if (resync > 0) every(resync, () => (this.synced ? this.syncNow() : Promise.resolve()));
    this.log.info({ concurrency: this.concurrency, serveUrl: this.opts.serveUrl }, "embedded executor started");
  }

  /** Stop claiming, let in-flight work finish (up to graceMs); unfinished leases expire on their own. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.unsubscribe?.();
    this.signal();
    await this.loopDone;
    const all = Promise.allSettled([...this.active.values()]);
    await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref())]);
    // A call still in flight after the grace period keeps its connection: do not wait for it.
    if (this.active.size === 0) await this.pool.end().catch(() => undefined);
    else void this.pool.end().catch(() => undefined);
    this.log.info("embedded executor stopped");
  }

  async syncNow(): Promise<SyncResult> {
    const result = await syncFunctions(this.pool, this.opts.serveUrl, this.opts.serveToken);
    await this.registry.refresh();
    this.synced = true;
    this.lastSync = result;
    for (const f of result.functions) {
      if (f.error) this.log.error({ fn: f.id, error: f.error }, "function not synced: it cannot run until fixed");
      for (const w of f.warnings) this.log.warn({ fn: f.id }, w);
    }
    return result;
  }

  private async syncUntilDone(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const r = await this.syncNow();
        this.log.info({ appId: r.appId, functions: r.functions.length }, "functions synced from the serve endpoint");
        return;
      } catch (err) {
        const level = attempt < 3 ? "debug" : "warn";
        this.log[level]({ err: (err as Error).message }, "sync failed; retrying (is the app up?)");
        await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)).unref());
      }
    }
  }

  private signal(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private waitForWork(ms: number): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wake = undefined;
        this.pendingWake = false;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async loop(): Promise<void> {
    // While there is a backlog (the last claim filled every free slot), claim in batches of a
    // quarter of the concurrency instead of one item per finished item: one claim query serves
    // several items. Without a backlog, any free slot claims at once (latency first); a slot left
    // free for a whole poll interval claims too (long-running items do not hold it back).
    let backlog = false;
    let lastClaim = 0;
    const batch = Math.max(1, Math.ceil(this.concurrency / 4));
    while (!this.stopped) {
      this.pendingWake = false;
      const free = this.concurrency - this.active.size;
      let claimed: QueueItem[] = [];
      const claimNow = free > 0 && (!backlog || free >= batch || performance.now() - lastClaim >= this.pollMs);
      if (claimNow) {
        lastClaim = performance.now();
        try {
          claimed = await claimItems(this.pool, {
            owner: this.owner,
            limit: free,
            now: clockNow(),
            leaseMs: this.leaseMs,
            blockedRetryMs: 1_000,
            withKeys: this.registry.hasConcurrencyLimits(),
          });
        } catch (err) {
          // Database unreachable or restarting: back off instead of logging every poll.
          this.log.error({ err }, "claiming work failed; retrying in 2 s");
          await this.waitForWork(2_000);
          continue;
        }
        for (const item of claimed) this.dispatch(item);
        backlog = claimed.length === free;
      }
      if (this.stopped) break;
      if (!claimNow || claimed.length < free) await this.waitForWork(this.pollMs);
    }
  }

  private dispatch(item: QueueItem): void {
    const lease = new LeaseState(item.id);
    const ctx: WorkContext = { ...this.ctx, lease };
    const heartbeat = setInterval(
      () => {
        renewLease(this.pool, item.id, this.owner, new Date(clockNow().getTime() + this.leaseMs))
          .then((ok) => {
            if (!ok) lease.lost = true;
          })
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    heartbeat.unref();
    const work = this.process(ctx, item)
      .catch((err) => this.onError(item, err))
      .finally(() => {
        clearInterval(heartbeat);
        this.active.delete(item.id);
        this.signal();
      });
    this.active.set(item.id, work);
  }

  private process(ctx: WorkContext, item: QueueItem): Promise<void> {
    switch (item.kind) {
      case "CALL":
        return processCall(ctx, item);
      case "EVENT":
        return processEvent(ctx, item);
      case "TIMER":
        return processTimer(ctx, item);
      case "WAIT_TIMEOUT":
        return processWaitTimeout(ctx, item);
    }
  }

  /** Unexpected failure (database error, deadlock, bug): give the item back with a delay. */
  private async onError(item: QueueItem, err: unknown): Promise<void> {
    if (err instanceof LeaseLostError) {
      this.log.warn({ item: item.id, run: item.runId }, err.message);
      return;
    }
    const retries = item.infraRetries + 1;
    this.log.error({ err, item: item.id, kind: item.kind, run: item.runId, retries }, "processing a queue item failed; will retry");
    await exec(
      this.pool,
      `UPDATE runtime_queue SET "leaseOwner" = NULL, "leasedUntil" = NULL, "availableAt" = $3, "infraRetries" = $4
       WHERE id = $1 AND "leaseOwner" = $2`,
      item.id,
      this.owner,
      new Date(clockNow().getTime() + retryDelayMs(Math.min(retries - 1, 10), this.ctx.infraBackoff)),
      retries,
    ).catch(() => undefined);
  }
}
