import "server-only";
import { randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from "./backoff";
import { now as clockNow } from "./clock";
import { processBatchTimeout } from "./batches";
import { prepareCall, processCall, type PreparedCall } from "./process-call";
import { processEvent, processTimer, processWaitTimeout, purgeExpiredKeys, runScheduler } from "./process-other";
import { claimItems, LeaseLostError, nextDueAt, releaseItems, renewLeases, WORK_CHANNEL, type QueueItem } from "./queue";
import { FunctionRegistry } from "./registry";
import { notifyWork, onDue, onWork } from "./signal";
import { createPool, exec, type Pool } from "./sql";
import { syncFunctions, type SyncResult } from "./sync";
import { LeaseState, type WorkContext } from "./work-context";

/**
 * The embedded executor: syncs the app's functions from its serve endpoint, then claims queue
 * items (leases with expiry, renewed while working) and processes up to `concurrency` at once.
 * Several executors (web process, `npm run worker`) can share one database.
 */
export type ExecutorOptions = {
  /** The app's PostgreSQL; the executor keeps its own small pool on it (unless `pool` is given). */
  databaseUrl: string;
  /** Pool size (default concurrency + 2, at most 12: PGlite serves 20 connections in all). */
  poolMax?: number;
  /** The app's Inngest serve endpoint, e.g. http://127.0.0.1:3000/api/inngest. */
  serveUrl: string;
  /** Bearer token the serve route requires (the app derives it: lib/workflows/secrets.ts); none for a bare serve(). */
  serveToken?: string;
  concurrency?: number;
  /**
   * How many items it may work on right now (at most `concurrency`), asked before each claim: the web
   * process lowers it while its ingest receivers are busy (lib/workflows/start-executor.ts), so that
   * processing runs in the background without starving them. Default: `concurrency`.
   */
  slots?: () => number;
  /**
   * Safety-net poll interval (default 1 s). Work rarely waits for it: in-process commits wake the
   * loop at once, other processes' events arrive by LISTEN/NOTIFY, and the loop sleeps exactly until
   * the next timer (sleep, retry, wait timeout, delayed start) is due.
   */
  pollMs?: number;
  /**
   * Lease duration (default 3 s). The worker heartbeats every `heartbeatMs` (default 1 s) by renewing
   * all its leases in one statement: the leases of a worker whose heartbeat stopped (kill -9) expire
   * within `leaseMs` and the next claim of any live worker takes them over.
   */
  leaseMs?: number;
  heartbeatMs?: number;
  /**
   * Timers on time (default 250 ms): items without concurrency keys that become due within this many
   * ms (a sleep's end, a retry, a wait timeout, a delayed start) are claimed ahead, as many as the
   * free slots could run now, and held in memory until their due time: the claim's round trip, and
   * for a call the reads of its run and steps, happen before it is due, and a timer hands the item to
   * its processor at its due time, never before. Waiting, a held item takes no slot from due work;
   * when due it runs at once, even if the slots filled up meanwhile (so at most twice `concurrency`
   * claimed items are in flight, plus the held retries below). Its lease is renewed like any other;
   * if this process dies, the lease expires and another worker takes the item over. 0: items are
   * claimed once due.
   */
  claimAheadMs?: number;
  backoff?: BackoffOptions;
  /** Backoff while the serve endpoint is unreachable (not counted as attempts). */
  infraBackoff?: BackoffOptions;
  maxInfraRetries?: number;
  callTimeoutMs?: number;
  /** Steps run back to back in one lease before the run goes back to the queue. */
  maxInlineSteps?: number;
  /**
   * Checkpointing (default on): a discovery call carries ctx.fn_id/qi_id, so the SDK runs the
   * run's consecutive step.runs in that request and reports each to the checkpoint API, which the
   * app's client transport answers in-process (lib/runtime/checkpoint.ts). Off: one step per call.
   */
  checkpointing?: boolean;
  /**
   * The app's serve() handler when it runs in this process, asked before each call (./local-serve.ts:
   * `localServe`, registered by the app's serve route): the call is handed to it as a `Request`
   * instead of an HTTP request; undefined (the default, or nothing registered yet): HTTP to `serveUrl`.
   * The function sync always goes over HTTP.
   */
  localServe?: () => ((request: Request) => Promise<Response>) | undefined;
  schedulerIntervalMs?: number;
  /** Re-sync the function list this often (0 = only at start). */
  resyncIntervalMs?: number;
  /** Wait for the first sync before start() resolves (tests). */
  awaitSync?: boolean;
  /** The app's logger (the runtime logs through it); default: JSON lines at info. */
  logger?: pino.Logger;
};

/** Timers further away than this are left to the look-ahead of a later poll. */
const DUE_HORIZON_MS = 10 * 60_000;
/** A claim ahead is not sent sooner than this after a timer is announced: its commit comes first. */
const AHEAD_MIN_MS = 10;
/**
 * A retry this executor scheduled, due within this window, is kept leased and fired from memory
 * (WorkContext.retryHold), at most HOLD_RETRY_PER_SLOT x `concurrency` of them at once; sooner than
 * the minimum, later than the maximum, or beyond that many, it goes back to the queue as before.
 * Held retries run when due even if the slots are full: each comes from an attempt that failed in a
 * slot, so the retries due at one moment replay, shifted by their delay, the load the slots ran
 * then. The cap bounds what one process keeps leased. At 1 x `concurrency` (the first version) the
 * retries of a burst of failures beyond it went back to the queue and were claimed at their due
 * time, behind the burst's other timers: bench:runtime's 40 retries at concurrency 16 had a p95 of
 * 1,020-1,085 ms, against 1,009-1,015 ms with all of them held (ARCHITECTURE.md, "Executor hot path").
 */
const HOLD_RETRY_MIN_MS = 20;
const HOLD_RETRY_MAX_MS = 10_000;
const HOLD_RETRY_PER_SLOT = 4;

/** An item claimed ahead of its due time, waiting for it (with its run read, for a call or a sleep). */
/** `retry`: one of this executor's own retries, kept from its commit (not claimed ahead: it does not count against claimAheadMs's room). */
type Held = { item: QueueItem; lease: LeaseState; prepared: Promise<PreparedCall | undefined> | undefined; timer: NodeJS.Timeout | undefined; retry: boolean };

export class Executor {
  readonly owner = `w-${process.pid}-${randomBytes(4).toString("hex")}`;
  readonly registry: FunctionRegistry;
  readonly pool: Pool;
  private readonly ctx: Omit<WorkContext, "lease">;
  private readonly active = new Map<string, Promise<void>>();
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly claimAheadMs: number;
  private stopped = true;
  private loopDone: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  /** A timer fired: the next claim happens at once, even while claims are batched under a backlog. */
  private timerDue = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;
  private listener: pg.Client | undefined;
  private readonly leases = new Map<string, LeaseState>();
  /** Wake-ups at a timer's due time (a claim, unless the item was claimed ahead), by due time. */
  private readonly dueTimers = new Map<number, NodeJS.Timeout>();
  /** Wake-ups claimAheadMs before a timer's due time, to claim it ahead. */
  private readonly aheadTimers = new Map<number, NodeJS.Timeout>();
  private readonly held = new Map<string, Held>();
  /** How many of the held items are this executor's own retries. */
  private get heldRetries(): number {
    let n = 0;
    for (const h of this.held.values()) if (h.retry) n++;
    return n;
  }
  private synced = false;
  /** Wakes the sync retry loop when stop() is called. */
  private readonly stopWaiters = new Set<() => void>();
  private lastSync: SyncResult | undefined;

  constructor(private readonly opts: ExecutorOptions) {
    this.concurrency = opts.concurrency ?? 8;
    this.pollMs = opts.pollMs ?? 1_000;
    this.leaseMs = opts.leaseMs ?? 3_000;
    this.claimAheadMs = Math.max(0, opts.claimAheadMs ?? 250);
    const log = (opts.logger ?? pino()).child({ module: "runtime", worker: this.owner });
    this.pool = createPool(opts.databaseUrl, opts.poolMax ?? Math.min(this.concurrency + 2, 12), (err) => log.warn({ err }, "database connection error"));
    this.registry = new FunctionRegistry(this.pool, log);
    this.ctx = {
      db: this.pool,
      registry: this.registry,
      owner: this.owner,
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      infraBackoff: opts.infraBackoff ?? { baseMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 },
      callTimeoutMs: opts.callTimeoutMs ?? 15 * 60_000,
      serveToken: opts.serveToken,
      maxInlineSteps: opts.maxInlineSteps ?? 50,
      checkpointing: opts.checkpointing ?? true,
      maxInfraRetries: opts.maxInfraRetries ?? 500,
      localServe: opts.localServe ?? (() => undefined),
      log,
      stopping: () => this.stopped,
      notify: () => notifyWork(),
      retryHold:
        this.claimAheadMs > 0
          ? {
              canHold: (at) => {
                const ms = at.getTime() - clockNow().getTime();
                return !this.stopped && ms >= HOLD_RETRY_MIN_MS && ms <= HOLD_RETRY_MAX_MS && this.heldRetries < HOLD_RETRY_PER_SLOT * this.concurrency;
              },
              leaseMs: this.leaseMs,
              hold: (item) => {
                if (!this.stopped) this.hold(item, true);
                else void releaseItems(this.pool, this.owner, [item.id]).catch(() => undefined);
              },
            }
          : undefined,
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
    const offWork = onWork(() => this.signal());
    const offDue = onDue((at) => this.wakeAt(at));
    this.unsubscribe = () => {
      offWork();
      offDue();
    };
    await this.listen();
    // Nothing is claimed before the first sync: an event processed while the registry does not yet
    // know the app's functions (a fresh database, or a function new in this deployment) would be
    // marked as heard by nobody and start nothing. Work stored meanwhile waits in the queue.
    const firstSync = this.syncUntilDone();
    if (this.opts.awaitSync) await firstSync;
    this.loopDone = firstSync.then(() => this.loop());
    void this.lookAhead();
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err) => this.log.error({ err }, "runtime background task failed")), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.opts.schedulerIntervalMs ?? 1_000, () => runScheduler({ ...this.ctx, lease: new LeaseState("scheduler") }));
    every(5_000, () => this.registry.refresh());
    every(this.opts.heartbeatMs ?? Math.min(1_000, Math.floor(this.leaseMs / 3)), () => this.heartbeat());
    every(10 * 60_000, () => purgeExpiredKeys(this.ctx));
    const resync = this.opts.resyncIntervalMs ?? 0;
    if (resync > 0) every(resync, () => (this.synced ? this.syncNow() : Promise.resolve()));
    this.log.info({ concurrency: this.concurrency, serveUrl: this.opts.serveUrl }, "embedded executor started");
  }

  /** Stop claiming, let in-flight work finish (up to graceMs); unfinished leases expire on their own. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const w of this.stopWaiters) w();
    this.stopWaiters.clear();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const timers of [this.dueTimers, this.aheadTimers]) {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    }
    this.unsubscribe?.();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    this.signal();
    await this.loopDone;
    // Items claimed ahead and not due yet: give them back, another worker fires them on time.
    for (const h of this.held.values()) clearTimeout(h.timer);
    const held = [...this.held.keys()];
    this.held.clear();
    for (const id of held) this.leases.delete(id);
    await releaseItems(this.pool, this.owner, held).catch(() => undefined);
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
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(t);
            this.stopWaiters.delete(done);
            resolve();
          };
          const t = setTimeout(done, Math.min(5_000, 250 * 2 ** attempt));
          t.unref();
          this.stopWaiters.add(done);
        });
      }
    }
  }

  /**
   * Wake-ups from other processes: ingestion (and the Runs page) NOTIFY runtime_work in the
   * transaction that stores new work. Best effort: without it (PGlite), polling still finds the work.
   */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.databaseUrl });
    client.on("error", (err) => {
      this.log.debug({ err: err.message }, "LISTEN connection lost; polling only until restart");
      if (this.listener === client) this.listener = undefined;
    });
    client.on("notification", () => this.signal());
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, "LISTEN unavailable; polling only");
      await client.end().catch(() => undefined);
    }
  }

  /**
   * The heartbeat: renew every lease of this worker in one statement. An item missing from the
   * answer was taken over (its lease had expired) or finished by someone else: its processing stops
   * before its next call (LeaseState.lost) and its commit is refused anyway (assertLease).
   */
  private async heartbeat(): Promise<void> {
    if (this.leases.size === 0 || this.stopped) return;
    // Only leases held before the statement was sent can be missing from its answer for a reason.
    const held = [...this.leases];
    const mine = await renewLeases(this.pool, this.owner, new Date(clockNow().getTime() + this.leaseMs), held.map(([id]) => id));
    for (const [id, lease] of held) if (!mine.has(id) && this.leases.get(id) === lease) lease.lost = true;
  }

  /**
   * Timers on time: wake the loop claimAheadMs before an item becomes due (to claim it ahead, see
   * hold()) and when it becomes due (a claim, in case it could not be claimed ahead: no free slot
   * then, or its commit came after the claim; cancelled when it is claimed). This process learns the
   * due times of the timers it creates as it commits them (onDue); those of other processes from
   * the queue, looked up whenever a poll interval passes without a wake-up.
   */
  private wakeAt(at: Date): void {
    const now = clockNow().getTime();
    const due = Math.max(0, Math.ceil(at.getTime()));
    if (this.stopped || due - now > DUE_HORIZON_MS) return;
    if (this.claimAheadMs > 0) {
      const ahead = Math.max(due - this.claimAheadMs, now + AHEAD_MIN_MS);
      if (ahead < due) this.armWake(this.aheadTimers, ahead, now);
    }
    this.armWake(this.dueTimers, due, now);
  }

  private armWake(timers: Map<number, NodeJS.Timeout>, at: number, now: number): void {
    if (timers.has(at)) return;
    const t = setTimeout(
      () => {
        timers.delete(at);
        this.timerDue = true;
        this.signal();
      },
      // Node truncates the delay: one more millisecond so the item is due when the claim runs.
      Math.max(0, at - now + 1),
    );
    t.unref();
    timers.set(at, t);
  }

  private async lookAhead(): Promise<void> {
    const next = await nextDueAt(this.pool, clockNow()).catch(() => undefined);
    if (next) this.wakeAt(next);
  }

  private signal(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  /** Sleep until signalled or `ms` passed; true when signalled. */
  private waitForWork(ms: number): Promise<boolean> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(t);
        this.wake = undefined;
        this.pendingWake = false;
        resolve(woken);
      };
      const t = setTimeout(() => done(false), ms);
      this.wake = () => done(true);
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
      const slots = Math.min(this.concurrency, this.opts.slots?.() ?? this.concurrency);
      const free = slots - this.active.size;
      // Claimed ahead: only what the slots free now could run. A held item does not keep due work
      // from a slot meanwhile; when its time comes it runs at once, even if the slots filled up since.
      const ahead = this.claimAheadMs > 0 ? Math.max(0, free - (this.held.size - this.heldRetries)) : 0;
      let claimed: QueueItem[] = [];
      // A due timer (sleep, retry, wait timeout) is claimed as soon as a slot is free: batching the
      // claims of a backlog must not make it late.
      const claimNow = free > 0 && (!backlog || free >= batch || this.timerDue || performance.now() - lastClaim >= this.pollMs);
      if (claimNow) {
        lastClaim = performance.now();
        const forTimer = this.timerDue;
        this.timerDue = false;
        try {
          claimed = await claimItems(this.pool, {
            owner: this.owner,
            limit: free,
            now: clockNow(),
            leaseMs: this.leaseMs,
            blockedRetryMs: 1_000,
            withKeys: this.registry.hasConcurrencyLimits(),
            aheadMs: this.claimAheadMs,
            aheadLimit: ahead,
          });
        } catch (err) {
          // Database unreachable or restarting: back off instead of logging every poll.
          this.log.error({ err }, "claiming work failed; retrying in 2 s");
          await this.waitForWork(2_000);
          continue;
        }
        // An item of ours whose lease expired while we still work on it (a starved event loop missed
        // heartbeats) comes back to us: it is already being processed here, under the same owner.
        const now = clockNow().getTime();
        for (const item of claimed) {
          if (this.active.has(item.id) || this.held.has(item.id)) continue;
          const due = Math.ceil(item.availableAt.getTime());
          // Claimed: its wake-up at the due time has nothing left to claim.
          clearTimeout(this.dueTimers.get(due));
          this.dueTimers.delete(due);
          if (due > now) this.hold(item);
          else this.dispatch(item);
        }
        backlog = claimed.length === free;
        // The free slots took timers only (the item due last was scheduled for later than it was
        // stored): more may be due, the next free slot claims at once. A backlog of new work ends it.
        const last = claimed.reduce<QueueItem | undefined>((a, b) => (a && a.availableAt >= b.availableAt ? a : b), undefined);
        if (forTimer && backlog && last && last.availableAt > last.createdAt) this.timerDue = true;
      }
      if (this.stopped) break;
      if (!claimNow || claimed.length < free) {
        if (!(await this.waitForWork(this.pollMs))) await this.lookAhead();
      }
    }
  }

  /**
   * An item claimed ahead of its due time: its run (a call, a sleep's end) is read now, and a timer
   * hands it to its processor at its due time, never before (checked on the clock the item was
   * scheduled on). Its lease is renewed by the heartbeat meanwhile; a lease found lost is dropped.
   */
  private hold(item: QueueItem, retry = false): void {
    const lease = new LeaseState(item.id);
    this.leases.set(item.id, lease);
    const prepared =
      item.runId && (item.kind === "CALL" || (item.kind === "TIMER" && item.stepId))
        ? prepareCall({ ...this.ctx, lease }, item.runId).catch(() => undefined)
        : undefined;
    const h: Held = { item, lease, prepared, timer: undefined, retry };
    const fire = () => {
      if (this.stopped) return;
      const ms = item.availableAt.getTime() - clockNow().getTime();
      if (ms > 0) {
        arm(ms);
        return;
      }
      this.held.delete(item.id);
      if (lease.lost) {
        if (this.leases.get(item.id) === lease) this.leases.delete(item.id);
        this.signal();
        return;
      }
      this.dispatch(item, lease, prepared);
    };
    const arm = (ms: number) => {
      // Node may fire a little early (its loop time is cached): fire() checks and arms again.
      h.timer = setTimeout(fire, Math.ceil(ms));
      h.timer.unref();
    };
    this.held.set(item.id, h);
    arm(item.availableAt.getTime() - clockNow().getTime());
  }

  private dispatch(item: QueueItem, lease = new LeaseState(item.id), prepared?: Promise<PreparedCall | undefined>): void {
    const ctx: WorkContext = { ...this.ctx, lease };
    this.leases.set(item.id, lease);
    const work = (prepared ? prepared.then((p) => this.process(ctx, item, p)) : this.process(ctx, item))
      .catch((err) => this.onError(item, err))
      .finally(() => {
        if (this.leases.get(item.id) === lease) this.leases.delete(item.id);
        this.active.delete(item.id);
        this.signal();
      });
    this.active.set(item.id, work);
  }

  private process(ctx: WorkContext, item: QueueItem, prepared?: PreparedCall): Promise<void> {
    switch (item.kind) {
      case "CALL":
        return processCall(ctx, item, prepared);
      case "EVENT":
        return processEvent(ctx, item);
      case "TIMER":
        return processTimer(ctx, item, prepared);
      case "WAIT_TIMEOUT":
        return processWaitTimeout(ctx, item);
      case "BATCH":
        return processBatchTimeout(ctx, item);
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
