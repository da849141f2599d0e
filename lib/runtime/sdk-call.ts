import { createHash } from "node:crypto";
import { fromWallClock } from "./clock";
import type { EventPayload } from "./events";
import type { SerializedError, StepResult } from "./runs";

/**
 * One call request to the app's serve endpoint (the Inngest SDK's call protocol, as ARCHITECTURE.md describes it) and its answer,
 * classified. Only answers carrying `x-inngest-sdk-handled: true` come from the SDK; anything else
 * (connection refused, a proxy's 502, a dev server still compiling) is an infrastructure problem
 * retried without spending the function's attempts.
 */
export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown> | null;
  data?: unknown;
  error?: SerializedError;
  userland?: { id?: string; index?: number };
  /** When the SDK ran the step: Go's interval.Interval, a = start (ns since the epoch, its wall clock), b = duration (ns). */
  timing?: { a?: number; b?: number };
};

/** When a step the SDK ran started (on the executor's clock) and how long it took, if it says. */
export function stepTiming(op: Op): { startedAt: Date; durationMs: number } | undefined {
  const a = op.timing?.a;
  const b = op.timing?.b;
  if (typeof a !== "number" || !Number.isFinite(a) || a <= 0) return undefined;
  return { startedAt: fromWallClock(Math.floor(a / 1e6)), durationMs: typeof b === "number" && Number.isFinite(b) && b >= 0 ? Math.round(b / 1e6) : 0 };
}

export type CallOutcome =
  | { kind: "complete"; data: unknown }
  | { kind: "ops"; ops: Op[]; retryAfter: string | null }
  | { kind: "error"; retriable: boolean; error: SerializedError; retryAfter: string | null }
  | { kind: "infra"; message: string };

export type CallRequest = {
  url: string;
  stepId: string | null;
  runId: string;
  event: EventPayload;
  /** batchEvents: the batch (`event` is its first); else [event]. */
  events?: EventPayload[] | null;
  steps: Record<string, StepResult>;
  stack: string[];
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
  timeoutMs: number;
  /** The executor token (the app's serve route requires it with the embedded engine). */
  token?: string;
  /**
   * Let the SDK run consecutive steps in this one request, reporting each to the checkpoint API
   * (ctx.fn_id / ctx.qi_id; see ./checkpoint.ts). Discovery calls only: the SDK ignores it otherwise.
   */
  checkpoint?: { fnId: string; queueItemId: string };
  /** The app's serve() handler in this process (./local-serve.ts): the call is handed to it instead of going over HTTP. */
  local?: (request: Request) => Promise<Response>;
};

/** The SDK's op id: lowercase hex SHA-1 of the step id. */
export function hashStepId(id: string): string {
  return createHash("sha1").update(id).digest("hex");
}

export function callUrl(fnUrl: string, stepId: string | null): string {
  const u = new URL(fnUrl);
  u.searchParams.set("stepId", stepId ?? "step");
  return u.toString();
}

function asError(body: unknown, fallback: string): SerializedError {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    if (typeof b.message === "string")
      return { name: typeof b.name === "string" ? b.name : "Error", message: b.message, ...(typeof b.stack === "string" ? { stack: b.stack } : {}) };
    if (typeof b.error === "string") return { name: "Error", message: b.error };
  }
  return { name: "Error", message: fallback };
}

export async function callFunction(req: CallRequest): Promise<CallOutcome> {
  const body = {
    event: req.event,
    events: req.events?.length ? req.events : [req.event],
    steps: req.steps,
    ctx: {
      run_id: req.runId,
      attempt: req.attempt,
      max_attempts: req.maxAttempts,
      disable_immediate_execution: req.disableImmediateExecution,
      use_api: false,
      stack: { stack: req.stack, current: req.stack.length },
      ...(req.checkpoint ? { fn_id: req.checkpoint.fnId, qi_id: req.checkpoint.queueItemId } : {}),
    },
    version: 2,
  };
  let res: Response;
  let text: string;
  const init = {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-inngest-req-version": "2", ...(req.token ? { Authorization: `Bearer ${req.token}` } : {}) },
    body: JSON.stringify(body),
  };
  try {
    if (req.local) {
      // The same request, handed to the handler in this process; the timeout cannot stop user code
      // here (nor over HTTP, where the app carries on): it gives the call up, as a timeout.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error("call timed out"), { name: "TimeoutError" })), req.timeoutMs);
        timer.unref();
      });
      try {
        res = await Promise.race([req.local(new Request(callUrl(req.url, req.stepId), init)), timedOut]);
        text = await res.text();
      } finally {
        clearTimeout(timer);
      }
    } else {
      res = await fetch(callUrl(req.url, req.stepId), { ...init, signal: AbortSignal.timeout(req.timeoutMs) });
      text = await res.text();
    }
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { kind: "infra", message: `${e.name === "TimeoutError" ? "call timed out" : e.message}${e.cause?.code ? ` (${e.cause.code})` : ""}` };
  }
  if (res.headers.get("x-inngest-sdk-handled") !== "true") {
    return { kind: "infra", message: `serve endpoint answered ${res.status} without the SDK: ${text.slice(0, 200)}` };
  }
  let parsed: unknown = null;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    return { kind: "infra", message: `serve endpoint answered ${res.status} with invalid JSON` };
  }
  const retryAfter = res.headers.get("retry-after");
  if (res.status === 200) return { kind: "complete", data: parsed };
  if (res.status === 206) {
    const ops = (Array.isArray(parsed) ? parsed : [parsed]).filter((o): o is Op => !!o && typeof o === "object" && typeof (o as Op).op === "string");
    if (ops.length === 0) return { kind: "infra", message: "206 without ops" };
    return { kind: "ops", ops, retryAfter };
  }
  if (res.status === 500 || res.status === 400) {
    return {
      kind: "error",
      retriable: res.status === 500 && res.headers.get("x-inngest-no-retry") !== "true",
      error: asError(parsed, `Function answered ${res.status}`),
      retryAfter,
    };
  }
  return { kind: "infra", message: `serve endpoint answered ${res.status}: ${text.slice(0, 200)}` };
}
