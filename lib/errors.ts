import type { Locale } from "@/lib/i18n/config";
import { renderError, type ErrorKey, type MessageValues } from "@/lib/i18n/errors";

export type { ErrorKey, MessageValues } from "@/lib/i18n/errors";

/**
 * The one error type of the app. Throw it from lib/; only lib/http.ts turns it into a response.
 * Its words are a catalogue key of messages/<locale>/errors.json plus values, so every person reads
 * it in their own language: lib/http.ts renders the key in the request's language, while the JSON
 * keeps a stable `code` and `field`. `message` is the English rendering (logs, tests).
 *
 *   throw new AppError("conflict", "orgs.slugTaken", { field: "slug" });
 *   throw new AppError("validation", "content.fileTooLarge", { field: "file", values: { type, max: 25, size: "31.2" } });
 *
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
  | "unavailable"
  | "internal";

/**
 * One invalid input: the field's path, a stable code ("required", "too_big", … see lib/http.ts) and
 * the message as a key + values (rendered in the reader's language).
 */
export type FieldIssue = { field: string; code: string; key: ErrorKey; values?: MessageValues };

export type AppErrorOptions = {
  field?: string;
  values?: MessageValues;
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
  cause?: unknown;
};

const summaryValues = (first: FieldIssue, locale: Locale): MessageValues => ({ field: first.field, message: renderError(first.key, first.values, locale) });

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly key: ErrorKey;
  readonly values?: MessageValues;
  readonly field?: string;
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, key: ErrorKey, opts: AppErrorOptions = {}) {
    super(renderError(key, key === "validation.summary" && opts.issues?.[0] ? summaryValues(opts.issues[0], "en") : opts.values, "en"), { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.key = key;
    this.values = opts.values;
    this.field = opts.field ?? opts.issues?.[0]?.field;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  /** The message in `locale`; a validation summary names its first field with that field's message in `locale` too. */
  messageIn(locale: Locale): string {
    const first = this.issues?.[0];
    if (this.key === "validation.summary" && first) return renderError(this.key, summaryValues(first, locale), locale);
    return renderError(this.key, this.values, locale);
  }

  /** Each invalid field with its stable code and its message in `locale` (forms show them next to their inputs). */
  issuesIn(locale: Locale): { field: string; code: string; message: string }[] {
    return (this.issues ?? []).map((i) => ({ field: i.field, code: i.code, message: renderError(i.key, i.values, locale) }));
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** What `notFound()` can name (messages/<locale>/errors.json `notFound`, one ICU select case each). */
export const NOT_FOUND_THINGS = [
  "organization",
  "run",
  "media",
  "apiKey",
  "member",
  "content",
  "contentInput",
  "publication",
  "account",
  "approvalRequest",
  "brand",
  "provider",
  "revision",
  "campaign",
  "lead",
  "leadSubmission",
  "leadReply",
  "trendNote",
  "sequence",
  "automation",
  "booking",
  "conversion",
  "agent",
  "agentConfigVersion",
  "agentMessage",
  "scenario",
  "planRow",
  "scenarioExample",
  "agentTemplate",
  "report",
  "conversation",
  "triageRule",
  "savedReply",
  "comment",
] as const;
export type NotFoundThing = (typeof NOT_FOUND_THINGS)[number];

export const notFound = (thing: NotFoundThing, opts: { field?: string } = {}) =>
  new AppError("not_found", "notFound", { values: { thing }, field: opts.field });
