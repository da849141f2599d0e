import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, type AppErrorCode, type FieldIssue, type MessageValues } from "@/lib/errors";
import { DEFAULT_LOCALE, localeOfRequest, type Locale } from "@/lib/i18n/config";
import { isErrorKey, renderError } from "@/lib/i18n/errors";
import { childLogger, logger } from "@/lib/log";
import { runWithRequestContext } from "@/lib/request-context";

/** The only place that maps error codes to HTTP statuses (CONVENTIONS 4). */
const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  quota_exceeded: 402,
  upstream: 502,
  unavailable: 503,
  internal: 500,
};

export const MAX_JSON_BYTES = 1024 * 1024;

/** The error JSON: a stable `code` (and `field`, `issues[].code`) for programs, `message` in the reader's language. */
export type ErrorBody = {
  error: { code: AppErrorCode; message: string; field?: string; issues?: { field: string; code: string; message: string }[]; requestId?: string };
};

/** An error as the API answers it (status, headers, JSON body): for `errorResponse` and the node:http receivers (lib/api/node-route.ts). */
export function errorPayload(err: unknown, opts: { requestId?: string; locale?: Locale } = {}): { status: number; headers: Record<string, string>; body: ErrorBody } {
  const { requestId } = opts;
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const headers: Record<string, string> = {};
  if (requestId) headers["X-Request-Id"] = requestId;
  if (err instanceof AppError) {
    if (err.retryAfterSeconds !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(err.retryAfterSeconds)));
    const issues = err.issues ? err.issuesIn(locale) : undefined;
    return { status: STATUS[err.code], headers, body: { error: { code: err.code, message: err.messageIn(locale), field: err.field, issues, requestId } } };
  }
  if (isUnstorableValue(err)) {
    const e = new AppError("validation", "validation.unstorableValue", { field: "body" });
    return { status: 422, headers, body: { error: { code: e.code, message: e.messageIn(locale), field: e.field, requestId } } };
  }
  if (isDatabaseUnavailable(err)) {
    // PostgreSQL is down or restarting: a 503 the client may retry, not a 500 (issue 18, faults).
    childLogger({ requestId }).warn({ err }, "database unavailable");
    const e = new AppError("unavailable", "databaseUnavailable", { retryAfterSeconds: 5 });
    headers["Retry-After"] = "5";
    return { status: 503, headers, body: { error: { code: e.code, message: e.messageIn(locale), requestId } } };
  }
  childLogger({ requestId }).error({ err }, "unhandled error");
  return { status: 500, headers, body: { error: { code: "internal" as const, message: renderError("internal", undefined, locale), requestId } } };
}

export function errorResponse(err: unknown, opts: { requestId?: string; locale?: Locale } = {}): NextResponse<ErrorBody> {
  const { status, headers, body } = errorPayload(err, opts);
  return NextResponse.json(body, { status, headers });
}

/**
 * The database cannot be reached or dropped the connection (server down, restarting, shutting down):
 * node's connection errors, PostgreSQL's SQLSTATE classes 08 (connection exception) and 57P
 * (operator intervention: admin shutdown, crash shutdown, cannot connect now), Prisma's P1001/P1002/P1017,
 * and pg's "Connection terminated" (no code), found anywhere along the error's causes.
 */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "P1001", "P1002", "P1017"]);
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && !seen.has(e) && depth < 6; depth++) {
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown }; originalCode?: unknown; cause?: unknown; kind?: unknown };
    for (const c of [o.code, o.meta?.code, o.originalCode]) {
      if (typeof c === "string" && (UNREACHABLE_CODES.has(c) || /^08[0-9A-Z]{3}$/.test(c) || /^57P0[1-3]$/.test(c))) return true;
    }
    if (typeof o.message === "string" && /Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|connect ECONNREFUSED|is not queryable|Connection terminated due to connection timeout/.test(o.message)) return true;
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  return false;
}

/** Prisma's "value does not fit the column" errors. */
const PRISMA_VALUE_CODES = new Set(["P2000", "P2006", "P2007", "P2009", "P2019", "P2020", "P2023", "P2033"]);

/**
 * A database refusal of a value (SQLSTATE class 22 "data exception": invalid datetime, out of range,
 * bad text representation, NUL, string too long), from Prisma or `pg`: the client's input, so 422, not 500.
 */
export function isUnstorableValue(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && !seen.has(e) && depth < 5; depth++) {
    seen.add(e);
    const o = e as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown }; originalCode?: unknown; cause?: unknown };
    for (const c of [o.code, o.meta?.code, o.originalCode]) {
      if (typeof c === "string" && (PRISMA_VALUE_CODES.has(c) || /^22[0-9A-Z]{3}$/.test(c))) return true;
    }
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  return false;
}

/**
 * One zod issue as a catalogue message with a stable code. A schema's own message wins when it is an
 * errors catalogue key (`.regex(re, "validation.slugFormat")`, `ctx.addIssue({ code: "custom",
 * message: "validation.noteRequired" })`); any other wording in a schema is ignored, never shown.
 */
function fromZodIssue(issue: z.core.$ZodIssue): Omit<FieldIssue, "field"> {
  const own = isErrorKey(issue.message) ? issue.message : null;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return { code: "required", key: own ?? "validation.required" };
      return { code: "invalid_type", key: own ?? "validation.invalidType", values: { expected: String(issue.expected) } };
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string" && minimum === 1 && typeof issue.input === "string") return { code: "required", key: own ?? "validation.required" };
      return { code: "too_small", key: own ?? "validation.tooSmall", values: { origin: issue.origin, minimum, inclusive: String(issue.inclusive !== false) } };
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string" && typeof issue.input === "string") return { code: "too_big", key: own ?? "validation.tooLongText", values: { maximum, length: issue.input.length } };
      return { code: "too_big", key: own ?? "validation.tooBig", values: { origin: issue.origin, maximum, inclusive: String(issue.inclusive !== false) } };
    }
    case "invalid_format":
      return { code: "invalid_format", key: own ?? "validation.invalidFormat", values: { format: issue.format } };
    case "invalid_value":
      return { code: "invalid_value", key: own ?? "validation.invalidValue", values: { options: issue.values.map(String).join(", ") } };
    case "not_multiple_of":
      return { code: "not_multiple_of", key: own ?? "validation.notMultipleOf", values: { divisor: Number(issue.divisor) } };
    case "custom":
      return { code: "invalid", key: own ?? "validation.invalid", values: own ? (issue.params as MessageValues | undefined) : undefined };
    default:
      return { code: "invalid", key: own ?? "validation.invalid" };
  }
}

/** zod issues -> AppError naming the field (unknown keys are named too); messages are catalogue keys. */
export function validationError(error: z.ZodError, prefix?: string): AppError {
  const issues: FieldIssue[] = error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ field: base ? `${base}.${k}` : k, code: "unknown_field", key: "validation.unknownField" as const, values: { key: k } }));
    }
    return [{ field: base || "body", ...fromZodIssue(issue) }];
  });
  const first = issues[0];
  return new AppError("validation", first ? "validation.summary" : "validation.invalidInput", { issues });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const badText = (s: string) => s.includes("\u0000") || LONE_SURROGATE.test(s);

/**
 * The path of the first string (value or key) holding a NUL byte or a lone surrogate: PostgreSQL cannot
 * store either (a NUL made 13 routes answer 500). Iterative, so deeply nested input cannot overflow the stack.
 */
export function invalidTextField(data: unknown, prefix?: string): string | null {
  type Node = { v: unknown; key: string | null; parent: Node | null };
  const pathOf = (n: Node | null, last?: string): string => {
    const parts: string[] = last === undefined ? [] : [last];
    for (let p = n; p; p = p.parent) if (p.key !== null) parts.unshift(p.key);
    return [prefix, ...parts].filter(Boolean).join(".") || "body";
  };
  const stack: Node[] = [{ v: data, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.v;
    if (typeof v === "string") {
      if (badText(v)) return pathOf(node);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, key: String(i), parent: node }));
    } else if (v && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        if (badText(k)) return pathOf(node, k.replace(/[\u0000\uD800-\uDFFF]/g, "?"));
        stack.push({ v: item, key: k, parent: node });
      }
    }
  }
  return null;
}

export function parseWith<T extends z.ZodType>(schema: T, data: unknown, prefix?: string): z.infer<T> {
  const bad = invalidTextField(data, prefix);
  if (bad) throw new AppError("validation", "validation.summary", { field: bad, issues: [{ field: bad, code: "invalid_characters", key: "validation.invalidCharacters" }] });
  // reportInput: a missing value ("required") is told apart from a wrong one, and a too-long text says its length.
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw validationError(parsed.error, prefix);
  return parsed.data;
}

/** Read the raw body with a hard size limit (the Content-Length header may lie or be absent). */
export async function readBodyLimited(req: Request, maxBytes = MAX_JSON_BYTES): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", "http.bodyTooLarge", { field: "body", values: { max: maxBytes } });
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large", "http.bodyTooLarge", { field: "body", values: { max: maxBytes } });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Parse a JSON body against a (strict) zod schema: 413 oversized, 400 malformed, 422 invalid fields. */
export async function parseJson<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_JSON_BYTES): Promise<z.infer<T>> {
  const raw = await readBodyLimited(req, maxBytes);
  let data: unknown;
  try {
    data = raw.byteLength === 0 ? undefined : JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError("bad_request", "http.invalidJson", { field: "body" });
  }
  if (data === undefined) throw new AppError("bad_request", "http.jsonRequired", { field: "body" });
  return parseWith(schema, data);
}

export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const url = new URL(req.url);
  return parseWith(schema, Object.fromEntries(url.searchParams), "query");
}

/** The caller's X-Request-Id when it is a sane token, else a new one. */
export function requestIdOf(header: string | null): string {
  return header && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
}

type Handler<C> = (req: Request, ctx: C & { requestId: string }) => Promise<Response>;

/**
 * Wraps a route handler: request id, AppError -> status, unknown errors logged with context.
 * Keep handlers short: authenticate, parse, call one lib function, return.
 */
export function route<C = { params: Promise<Record<string, string>> }>(handler: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const requestId = requestIdOf(req.headers.get("x-request-id"));
    const started = performance.now();
    return runWithRequestContext({ requestId }, async () => {
      let res: Response;
      try {
        res = await handler(req, { ...ctx, requestId });
        res.headers.set("X-Request-Id", requestId);
      } catch (err) {
        res = errorResponse(err, { requestId, locale: localeOfRequest(req) });
      }
      logger().info({ method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started) }, "request");
      return res;
    });
  };
}

export function json<T>(data: T, init?: number | ResponseInit): NextResponse<T> {
  return NextResponse.json(data, typeof init === "number" ? { status: init } : init);
}
