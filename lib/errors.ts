/**
 * The one error type of the app. Throw it from lib/; only lib/http.ts turns it into a response.
 * `field` names the offending input so forms and API clients can point at it.
 */
export type AppErrorCode =
  | "bad_request"
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "quota_exceeded"
  | "upstream"
  | "internal";

export type FieldIssue = { field: string; message: string };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field?: string;
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { field?: string; issues?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.field = opts.field ?? opts.issues?.[0]?.field;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found`);
