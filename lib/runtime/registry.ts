import type pino from "pino";
import { query, type Pool } from "./sql";
import { syncedFunctionSchema, toFunctionDef, triggerMatchesName, type FunctionDef } from "./functions";

/**
 * The functions known to the executor, read from runtime_functions (written by sync) and cached.
 * Every executor process reloads it periodically, so a sync done by one process reaches all.
 */
export class FunctionRegistry {
  private byId = new Map<string, FunctionDef>();
  private loadedAt = 0;
  /** The load in flight, with the number of refresh() calls made when it started (it sees what they wanted). */
  private loading: { call: number; done: Promise<void> } | undefined;
  private calls = 0;

  constructor(
    private readonly db: Pool,
    private readonly log: pino.Logger,
    private readonly maxAgeMs = 5_000,
  ) {}

  /**
   * Load the functions as committed when this is called. A load already in flight is shared only if it
   * started after this call (callers waiting together share the next load); one that started before may have read before what the caller wants to see
   * (its own sync's commit), so the caller waits for it and loads again. Joining it instead left the
   * registry empty after a first sync when a scheduler tick's load was in flight: for the next
   * `maxAgeMs` every event matched no function and started nothing (the crash test caught it once in CI).
   */
  async refresh(): Promise<void> {
    const call = ++this.calls;
    for (;;) {
      const inFlight = this.loading;
      if (!inFlight) break;
      if (inFlight.call >= call) return inFlight.done;
      await inFlight.done.catch(() => undefined);
    }
    const done = this.load().finally(() => {
      if (this.loading?.done === done) this.loading = undefined;
    });
    this.loading = { call: this.calls, done };
    return done;
  }

  private async load(): Promise<void> {
    const rows = await query<{ id: string; config: unknown }>(this.db, `SELECT id, config FROM runtime_functions WHERE "removedAt" IS NULL ORDER BY id`);
    const next = new Map<string, FunctionDef>();
    const ids = new Set(rows.map((r) => r.id));
    for (const row of rows) {
      const parsed = syncedFunctionSchema.safeParse(row.config);
      if (!parsed.success) continue;
      try {
        next.set(row.id, toFunctionDef(parsed.data, ids));
      } catch (err) {
        this.log.warn({ fn: row.id, err }, "skipping function with invalid config");
      }
    }
    this.byId = next;
    this.loadedAt = Date.now();
  }

  /** Not older than maxAgeMs: any load in flight will do (the hot path must not load twice). */
  async ensureFresh(): Promise<void> {
    if (Date.now() - this.loadedAt > this.maxAgeMs) await (this.loading?.done ?? this.refresh());
  }

  async get(id: string): Promise<FunctionDef | undefined> {
    await this.ensureFresh();
    let fn = this.byId.get(id);
    if (!fn) {
      // A function synced a moment ago by another process: look again before giving up.
      await this.refresh();
      fn = this.byId.get(id);
    }
    return fn;
  }

  /** Cached lookup without I/O: for use inside a transaction (call ensureFresh/get before it). */
  peek(id: string): FunctionDef | undefined {
    return this.byId.get(id);
  }

  /** Functions whose runs start through a transaction (throttle, timeouts), not one statement. */
  slowStartIds(): string[] {
    if (this.slowStartFor !== this.byId) {
      this.slowStartFor = this.byId;
      this.slowStart = [...this.byId.values()].filter((fn) => fn.throttle || fn.timeouts).map((fn) => fn.id);
    }
    return this.slowStart;
  }

  private slowStart: string[] = [];
  private slowStartFor: Map<string, FunctionDef> | undefined;

  hasConcurrencyLimits(): boolean {
    for (const fn of this.byId.values()) if (fn.concurrency.length > 0) return true;
    return false;
  }

  /** Functions with an event trigger matching `name` (with the matching triggers). */
  async matching(name: string): Promise<{ fn: FunctionDef; expressions: (string | undefined)[] }[]> {
    await this.ensureFresh();
    const out: { fn: FunctionDef; expressions: (string | undefined)[] }[] = [];
    for (const fn of this.byId.values()) {
      const hits = fn.triggers.filter((t) => triggerMatchesName(t, name));
      if (hits.length) out.push({ fn, expressions: hits.map((t) => ("expression" in t ? t.expression : undefined)) });
    }
    return out;
  }

  all(): FunctionDef[] {
    return [...this.byId.values()];
  }
}
