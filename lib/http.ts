import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, type AppErrorCode, type FieldIssue } from "@/lib/errors";
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
  internal: 500,
};

export const MAX_JSON_BYTES = 1024 * 1024;

export type ErrorBody = { error: { code: AppErrorCode; message: string; field?: string; issues?: FieldIssue[]; requestId?: string } };

export function errorResponse(err: unknown, requestId?: string): NextResponse<ErrorBody> {
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(err.retryAfterSeconds)));
    if (requestId) headers["X-Request-Id"] = requestId;
    return NextResponse.json(
      { error: { code: err.code, message: err.message, field: err.field, issues: err.issues, requestId } },
      { status: STATUS[err.code], headers },
    );
  }
  childLogger({ requestId }).error({ err }, "unhandled error");
  return NextResponse.json(
    { error: { code: "internal" as const, message: "Something went wrong on our side. Please try again.", requestId } },
    { status: 500, headers: requestId ? { "X-Request-Id": requestId } : undefined },
  );
}

/** zod issues -> AppError naming the field (unknown keys are named too). */
export function validationError(error: z.ZodError, prefix?: string): AppError {
  const issues: FieldIssue[] = error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: `Unknown field "${k}"` }));
    }
    return [{ field: base || "body", message: issue.message }];
  });
  const first = issues[0];
  return new AppError("validation", first ? `${first.field}: ${first.message}` : "Invalid input", { issues });
}

export function parseWith<T extends z.ZodType>(schema: T, data: unknown, prefix?: string): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationError(parsed.error, prefix);
  return parsed.data;
}

/** Read the raw body with a hard size limit (the Content-Length header may lie or be absent). */
export async function readBodyLimited(req: Request, maxBytes = MAX_JSON_BYTES): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `Body is larger than ${maxBytes} bytes`, { field: "body" });
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
      throw new AppError("payload_too_large", `Body is larger than ${maxBytes} bytes`, { field: "body" });
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
    throw new AppError("bad_request", "Body is not valid JSON", { field: "body" });
  }
  if (data === undefined) throw new AppError("bad_request", "A JSON body is required", { field: "body" });
  return parseWith(schema, data);
}

export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const url = new URL(req.url);
  return parseWith(schema, Object.fromEntries(url.searchParams), "query");
}

type Handler<C> = (req: Request, ctx: C & { requestId: string }) => Promise<Response>;

/**
 * Wraps a route handler: request id, AppError -> status, unknown errors logged with context.
 * Keep handlers short: authenticate, parse, call one lib function, return.
 */
export function route<C = { params: Promise<Record<string, string>> }>(handler: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const requestId = /^[\w-]{8,64}$/.test(req.headers.get("x-request-id") ?? "") ? req.headers.get("x-request-id")! : randomUUID();
    const started = performance.now();
    return runWithRequestContext({ requestId }, async () => {
      let res: Response;
      try {
        res = await handler(req, { ...ctx, requestId });
        res.headers.set("X-Request-Id", requestId);
      } catch (err) {
        res = errorResponse(err, requestId);
      }
      logger().info({ method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started) }, "request");
      return res;
    });
  };
}

export function json<T>(data: T, init?: number | ResponseInit): NextResponse<T> {
  return NextResponse.json(data, typeof init === "number" ? { status: init } : init);
}
