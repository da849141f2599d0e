import { AppError, type MessageValues } from "@/lib/errors";
import type { OutputIssue } from "./output";
import type { AiProviderName } from "./types";

/**
 * Typed failures of the AI gateway. All are AppErrors, so a route that lets one through answers
 * with the right status (402 quota, 429 rate limit, 502 otherwise); workflows branch on `retryable`.
 */

/** The model answered twice (first answer + one repair) with output that fails the schema. */
export class AiOutputError extends AppError {
  readonly retryable = false;
  readonly attempts: number;
  /** What was wrong with the last answer (the words the repair turn sent to the model). */
  readonly outputIssues: OutputIssue[];
  /** Start of the last answer, for logs and support (never shown to end users). */
  readonly rawOutput: string;

  /** `detail`: what went wrong, in English (a technical detail inside the translated sentence). */
  constructor(detail: string, opts: { issues: OutputIssue[]; attempts: number; rawOutput: string }) {
    super("upstream", "ai.output", { values: { detail } });
    this.name = "AiOutputError";
    this.outputIssues = opts.issues;
    this.attempts = opts.attempts;
    this.rawOutput = opts.rawOutput.slice(0, 2000);
  }
}

export type AiFailureKind = "timeout" | "rate_limited" | "overloaded" | "server_error" | "network" | "auth" | "bad_request";

/** The provider could not be reached or refused the call (after the SDK's own retries). */
export class AiProviderError extends AppError {
  readonly kind: AiFailureKind;
  readonly provider: AiProviderName;
  readonly status?: number;
  readonly retryable: boolean;

  /** `detail`: the provider's or SDK's own words (English, technical), inside the translated sentence. */
  constructor(kind: AiFailureKind, detail: string, opts: { provider: AiProviderName; status?: number; retryAfterSeconds?: number; cause?: unknown }) {
    super(kind === "rate_limited" ? "rate_limited" : "upstream", "ai.provider", { values: { provider: opts.provider, detail }, retryAfterSeconds: opts.retryAfterSeconds, cause: opts.cause });
    this.name = "AiProviderError";
    this.kind = kind;
    this.provider = opts.provider;
    this.status = opts.status;
    this.retryable = kind === "timeout" || kind === "rate_limited" || kind === "overloaded" || kind === "server_error" || kind === "network";
  }
}

/** The organisation's monthly AI credits would be exceeded: raised before any provider call. */
export class AiQuotaError extends AppError {
  readonly retryable = false;
  readonly budget: number;
  readonly used: number;
  readonly resetsAt: Date;

  constructor(values: MessageValues, opts: { budget: number; used: number; resetsAt: Date }) {
    super("quota_exceeded", "ai.quota", { values, retryAfterSeconds: Math.max(1, Math.ceil((opts.resetsAt.getTime() - Date.now()) / 1000)) });
    this.name = "AiQuotaError";
    this.budget = opts.budget;
    this.used = opts.used;
    this.resetsAt = opts.resetsAt;
  }
}

/** Map any SDK / fetch failure to an AiProviderError (the signal tells a deadline from other aborts). */
export function toProviderError(err: unknown, provider: AiProviderName, signal: AbortSignal, timeoutMs: number): AiProviderError | AppError {
  if (err instanceof AppError) return err;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const isDeadline = reason instanceof DOMException && reason.name === "TimeoutError";
    return new AiProviderError("timeout", isDeadline ? `${provider} did not answer within ${timeoutMs} ms` : `${provider} call was cancelled`, { provider, cause: err });
  }
  const e = err as { status?: unknown; headers?: unknown; message?: unknown; name?: unknown; error?: unknown };
  const status = typeof e.status === "number" ? e.status : undefined;
  const message = vendorMessage(e) ?? (typeof e.message === "string" ? e.message : String(err));
  if (status === undefined) {
    const name = typeof e.name === "string" ? e.name : "";
    if (/Timeout/i.test(name)) return new AiProviderError("timeout", `${provider} did not answer within ${timeoutMs} ms`, { provider, cause: err });
    return new AiProviderError("network", `${provider} unreachable: ${message}`, { provider, cause: err });
  }
  const retryAfterSeconds = retryAfter(e.headers);
  if (status === 429) return new AiProviderError("rate_limited", `${provider} rate limit: ${message}`, { provider, status, retryAfterSeconds: retryAfterSeconds ?? 30, cause: err });
  if (status === 529) return new AiProviderError("overloaded", `${provider} overloaded: ${message}`, { provider, status, retryAfterSeconds, cause: err });
  if (status === 401 || status === 403) return new AiProviderError("auth", `${provider} rejected the credentials (${status}): ${message}`, { provider, status, cause: err });
  if (status === 408) return new AiProviderError("timeout", `${provider} request timeout: ${message}`, { provider, status, cause: err });
  if (status >= 500) return new AiProviderError("server_error", `${provider} error ${status}: ${message}`, { provider, status, retryAfterSeconds, cause: err });
  return new AiProviderError("bad_request", `${provider} refused the request (${status}): ${message}`, { provider, status, cause: err });
}

function vendorMessage(e: { error?: unknown }): string | undefined {
  // Anthropic: { type: "error", error: { type, message } }; OpenAI: the SDK exposes body.error as `error`.
  const body = e.error as { error?: { message?: unknown; type?: unknown }; message?: unknown; type?: unknown } | undefined;
  const inner = body?.error ?? body;
  if (inner && typeof inner.message === "string") return typeof inner.type === "string" ? `${inner.type}: ${inner.message}` : inner.message;
  return undefined;
}

function retryAfter(headers: unknown): number | undefined {
  const get = (name: string): string | null => {
    if (headers && typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    const v = (headers as Record<string, unknown> | undefined)?.[name];
    return typeof v === "string" ? v : null;
  };
  const raw = get("retry-after");
  if (raw) {
    const secs = Number(raw);
    if (Number.isFinite(secs)) return Math.max(0, Math.ceil(secs));
    const date = Date.parse(raw);
    if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const ms = Number(get("retry-after-ms"));
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : undefined;
}

/** A model that did not give a usable answer (refused by the schema twice, failed, or out of credits): callers with a rules fallback use it. */
export function isAiFailure(err: unknown): err is AiOutputError | AiProviderError | AiQuotaError {
  return err instanceof AiOutputError || err instanceof AiProviderError || err instanceof AiQuotaError;
}
