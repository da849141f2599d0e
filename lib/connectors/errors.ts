import { AppError, type AppErrorCode } from "@/lib/errors";
import type { PlatformKey } from "./types";

/**
 * How a platform failure must be handled, whatever the platform said:
 * - auth_expired: refresh the token once and retry; reconnect_required: a human must reconnect.
 * - rate_limited: wait until `retryAt` (never hammer); validation/permission/not_found/outside_window:
 *   non-retriable, carry the platform's message; transient (5xx, timeouts, network): retry with backoff.
 */
export type ConnectorErrorKind =
  "auth_expired" | "reconnect_required" | "rate_limited" | "validation" | "permission" | "not_found" | "outside_window" | "unsupported" | "transient";

const APP_CODE: Record<ConnectorErrorKind, AppErrorCode> = {
  auth_expired: "upstream",
  reconnect_required: "conflict",
  rate_limited: "rate_limited",
  validation: "validation",
  permission: "forbidden",
  not_found: "not_found",
  outside_window: "validation",
  unsupported: "bad_request",
  transient: "upstream",
};

export class ConnectorError extends AppError {
  readonly kind: ConnectorErrorKind;
  readonly platform: PlatformKey;
  readonly retriable: boolean;
  readonly httpStatus?: number;
  readonly platformCode?: string;
  readonly retryAt?: Date;

  /** `message`: the platform's (or our connector's) own words, kept as they are inside the translated line. */
  constructor(
    kind: ConnectorErrorKind,
    platform: PlatformKey,
    message: string,
    opts: { httpStatus?: number; platformCode?: string | number; retryAt?: Date; now?: number; cause?: unknown } = {},
  ) {
    const retryAfterSeconds = opts.retryAt ? Math.max(1, Math.ceil((opts.retryAt.getTime() - (opts.now ?? Date.now())) / 1000)) : undefined;
    super(APP_CODE[kind], "connector.failed", { values: { platform, detail: message }, retryAfterSeconds, cause: opts.cause });
    this.name = "ConnectorError";
    this.kind = kind;
    this.platform = platform;
    this.retriable = kind === "transient" || kind === "rate_limited" || kind === "auth_expired";
    this.httpStatus = opts.httpStatus;
    this.platformCode = opts.platformCode === undefined ? undefined : String(opts.platformCode);
    this.retryAt = opts.retryAt;
  }
}

export const isConnectorError = (e: unknown): e is ConnectorError => e instanceof ConnectorError;
