import { z } from "zod";
import { parseCronTrigger } from "./cron";
import { requireDurationMs } from "./duration";
import { evaluate, validateExpression } from "./expression";

/**
 * A function as the SDK describes it at sync (`functions[]` of the in-band sync answer), normalised
 * into what the executor needs. Unsupported options are reported as warnings, never ignored silently.
 */
const durationInput = z.union([z.string(), z.number()]);
const concurrencyItem = z.object({ limit: z.number().int(), key: z.string().optional(), scope: z.string().optional() });

export const syncedFunctionSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    triggers: z.array(z.object({ event: z.string().optional(), expression: z.string().optional(), cron: z.string().optional() }).passthrough()).default([]),
    steps: z.record(
      z.string(),
      z.object({ runtime: z.object({ url: z.string() }).passthrough(), retries: z.object({ attempts: z.number().int().min(0) }).optional() }).passthrough(),
    ),
    concurrency: z.union([z.number().int(), concurrencyItem, z.array(concurrencyItem)]).optional(),
    cancel: z.array(z.object({ event: z.string(), if: z.string().optional(), timeout: durationInput.optional() })).optional(),
    idempotency: z.string().optional(),
    throttle: z.object({ limit: z.number().int(), period: durationInput, key: z.string().optional(), burst: z.number().int().optional() }).optional(),
    rateLimit: z.object({ limit: z.number().int(), period: durationInput, key: z.string().optional() }).optional(),
    debounce: z.object({ period: durationInput, key: z.string().optional(), timeout: durationInput.optional() }).optional(),
    batchEvents: z.object({ maxSize: z.number().int(), timeout: durationInput, key: z.string().optional(), if: z.string().optional() }).passthrough().optional(),
    priority: z.object({ run: z.string().optional() }).passthrough().optional(),
    timeouts: z.object({ start: durationInput.optional(), finish: durationInput.optional() }).passthrough().optional(),
    singleton: z.object({ mode: z.enum(["skip", "cancel"]), key: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export type SyncedFunction = z.infer<typeof syncedFunctionSchema>;

export type Trigger = { event: string; expression?: string; pattern?: RegExp } | { cron: string };

export type FunctionDef = {
  id: string;
  name: string;
  url: string;
  triggers: Trigger[];
  /** Attempts per step and for the function body: retries + 1 (Inngest default: 3 retries). */
  maxAttempts: number;
  concurrency: { limit: number; key?: string; scope: "fn" | "env" }[];
  cancel: { event: string; if?: string; timeoutMs?: number }[];
  idempotency?: string;
  throttle?: { limit: number; periodMs: number; key?: string };
  rateLimit?: { limit: number; periodMs: number; key?: string };
  debounce?: { periodMs: number; key?: string; timeoutMs?: number };
  /** priority.run: an expression on the event giving a factor in seconds (-600..600). */
  priority?: string;
  /**
   * timeouts (Inngest): `startMs`, how long a run may wait in the queue before it starts (else it is
   * cancelled instead of started); `finishMs`, how long it may take once started (else cancelled,
   * even while it sleeps or waits).
   */
  timeouts?: { startMs?: number; finishMs?: number };
  /**
   * batchEvents (Inngest): matching events are collected per `key` value into one run, started when
   * the batch holds `maxSize` events or `timeoutMs` after its first event; events for which `if` is
   * false run alone at once.
   */
  batch?: { maxSize: number; timeoutMs: number; key?: string; if?: string };
  /**
   * singleton (Inngest): one active (queued or running) run per `key` value; "skip" drops a new run
   * while one is active, "cancel" cancels the active one and starts the new one.
   */
  singleton?: { mode: "skip" | "cancel"; key?: string };
  isFailureHandler: boolean;
  warnings: string[];
};

export const DEFAULT_RETRIES = 3;

function eventPattern(name: string): RegExp | undefined {
  if (!name.includes("*")) return undefined;
  const escaped = name.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}

/**
 * Whether `raw` is the onFailure handler the SDK generated for another function of the same app:
 * the SDK syncs `onFailure` as "<id>-failure" with exactly one trigger, inngest/function.failed if
 * `event.data.function_id == '<id>'`, next to "<id>" itself. A user function merely named
 * "...-failure" (another trigger, another expression, or no such sibling) is an ordinary function:
 * its own failure emits inngest/function.failed like any other.
 */
export function failureHandlerOf(raw: Pick<SyncedFunction, "id" | "triggers">, siblings: ReadonlySet<string>): string | undefined {
  if (raw.triggers.length !== 1) return undefined;
  const [t] = raw.triggers;
  const m = t?.event === "inngest/function.failed" && typeof t.expression === "string" ? /^event\.data\.function_id == '([^']+)'$/.exec(t.expression) : null;
  const parent = m?.[1];
  return parent && raw.id === `${parent}-failure` && siblings.has(parent) ? parent : undefined;
}

/**
 * Normalise and validate; throws on a function that cannot run (bad expression, bad cron).
 * `siblings`: the ids synced with it (to recognise the SDK's onFailure handlers).
 */
export function toFunctionDef(raw: SyncedFunction, siblings: ReadonlySet<string> = new Set()): FunctionDef {
  const warnings: string[] = [];
  const step = Object.values(raw.steps)[0];
  if (!step) throw new Error(`Function ${raw.id} has no step`);
  const retries = step.retries?.attempts ?? DEFAULT_RETRIES;

  const triggers: Trigger[] = raw.triggers.flatMap((t): Trigger[] => {
    if (t.cron) {
      parseCronTrigger(t.cron);
      return [{ cron: t.cron }];
    }
    if (!t.event) return [];
    if (t.expression) validateExpression(t.expression, ["event"]);
    return [{ event: t.event, expression: t.expression, pattern: eventPattern(t.event) }];
  });

  const rawConcurrency = raw.concurrency === undefined ? [] : typeof raw.concurrency === "number" ? [{ limit: raw.concurrency }] : [raw.concurrency].flat();
  const concurrency = rawConcurrency
    .filter((c) => c.limit > 0)
    .map((c) => {
      if (c.key) validateExpression(c.key, ["event"]);
      if (c.scope === "account") warnings.push(`concurrency scope "account" is treated as "env" by the embedded executor`);
      return { limit: c.limit, key: c.key, scope: c.scope === "env" || c.scope === "account" ? ("env" as const) : ("fn" as const) };
    });

  const cancel = (raw.cancel ?? []).map((c) => {
    if (c.if) validateExpression(c.if, ["event", "async"]);
    return { event: c.event, if: c.if, timeoutMs: c.timeout === undefined ? undefined : requireDurationMs(c.timeout, "cancelOn timeout") };
  });

  const keyExpr = (k: string | undefined) => {
    if (k) validateExpression(k, ["event"]);
    return k;
  };
  if (raw.idempotency) validateExpression(raw.idempotency, ["event"]);
  const throttle = raw.throttle && {
    limit: raw.throttle.limit,
    periodMs: requireDurationMs(raw.throttle.period, "throttle period"),
    key: keyExpr(raw.throttle.key),
  };
  if (raw.throttle?.burst && raw.throttle.burst > 1) warnings.push("throttle burst is not supported by the embedded executor (limit per period applies)");
  const rateLimit = raw.rateLimit && {
    limit: raw.rateLimit.limit,
    periodMs: requireDurationMs(raw.rateLimit.period, "rateLimit period"),
    key: keyExpr(raw.rateLimit.key),
  };
  const debounce = raw.debounce && {
    periodMs: requireDurationMs(raw.debounce.period, "debounce period"),
    key: keyExpr(raw.debounce.key),
    timeoutMs: raw.debounce.timeout === undefined ? undefined : requireDurationMs(raw.debounce.timeout, "debounce timeout"),
  };

  let batch: FunctionDef["batch"];
  if (raw.batchEvents) {
    const { maxSize, timeout, key, if: condition } = raw.batchEvents;
    if (maxSize < 1) throw new Error(`batchEvents.maxSize must be at least 1 (got ${maxSize})`);
    const timeoutMs = requireDurationMs(timeout, "batchEvents timeout");
    // Inngest refuses shorter timeouts at sync ("batch timeout should be more than 1s").
    if (timeoutMs < 1_000) throw new Error(`batchEvents.timeout must be at least 1s (got ${JSON.stringify(timeout)})`);
    if (condition) validateExpression(condition, ["event"]);
    batch = { maxSize, timeoutMs, key: keyExpr(key), if: condition };
    for (const [name, set] of [
      ["idempotency", raw.idempotency],
      ["rateLimit", raw.rateLimit],
      ["debounce", raw.debounce],
    ] as const) {
      if (set) warnings.push(`${name} is not applied to the events of a batched function (batchEvents): each batch starts one run`);
    }
  }
  const priority = raw.priority?.run ? keyExpr(raw.priority.run) : undefined;
  const timeouts =
    raw.timeouts && (raw.timeouts.start !== undefined || raw.timeouts.finish !== undefined)
      ? {
          startMs: raw.timeouts.start === undefined ? undefined : requireDurationMs(raw.timeouts.start, "timeouts.start"),
          finishMs: raw.timeouts.finish === undefined ? undefined : requireDurationMs(raw.timeouts.finish, "timeouts.finish"),
        }
      : undefined;
  const singleton = raw.singleton && { mode: raw.singleton.mode, key: keyExpr(raw.singleton.key) };

  const isFailureHandler = failureHandlerOf(raw, siblings) !== undefined;
  return {
    id: raw.id,
    name: raw.name ?? raw.id,
    url: step.runtime.url,
    triggers,
    maxAttempts: retries + 1,
    concurrency,
    cancel,
    idempotency: raw.idempotency,
    throttle,
    rateLimit,
    debounce,
    priority,
    timeouts,
    batch,
    singleton,
    isFailureHandler,
    warnings,
  };
}

export function triggerMatchesName(t: Trigger, name: string): boolean {
  if (!("event" in t)) return false;
  return t.pattern ? t.pattern.test(name) : t.event === name;
}

/** A key expression's value as a string ("" when absent), e.g. `event.data.organizationId`. */
export function evaluateKey(expression: string | undefined, event: unknown): string {
  if (!expression) return "";
  try {
    const v = evaluate(expression, { event });
    if (v === null || v === undefined) return "";
    return typeof v === "string" ? v : JSON.stringify(v);
  } catch {
    return "";
  }
}

/** Inngest's default range for priority.run factors, in seconds. */
export const PRIORITY_LIMIT_S = 600;

/**
 * The priority factor of a run (Inngest's priority.run): the expression's value on the event in
 * seconds, clamped to -600..600; 0 when it is not a number or fails to evaluate.
 */
export function priorityFactorS(fn: Pick<FunctionDef, "priority">, event: unknown): number {
  if (!fn.priority) return 0;
  let v: unknown;
  try {
    v = evaluate(fn.priority, { event });
  } catch {
    return 0;
  }
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) return 0;
  return Math.max(-PRIORITY_LIMIT_S, Math.min(PRIORITY_LIMIT_S, Math.trunc(n)));
}

/**
 * Concurrency keys carried by a run's CALL items: "<limit>#<scope>:<id>:<value>". The limit
 * travels in the key so the claim query needs nothing else.
 */
export function concurrencyKeys(fn: FunctionDef, event: unknown): string[] {
  return fn.concurrency.map((c) => {
    const value = evaluateKey(c.key, event);
    const scope = c.scope === "env" ? `env:${c.key ?? ""}` : `fn:${fn.id}`;
    return `${c.limit}#${scope}:${value}`;
  });
}

export function limitOfKey(key: string): number {
  const n = Number.parseInt(key.slice(0, key.indexOf("#")), 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}
