import "server-only";
import pino from "pino";
import { env } from "@/lib/env";
import { reportError } from "@/lib/observability/sentry";
import { requestContext } from "@/lib/request-context";

/**
 * Structured JSON logs. Child loggers carry requestId / organizationId. Secrets are redacted by
 * key name; never log tokens, passwords or API keys in messages.
 */
const REDACT = [
  "password",
  "*.password",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "secret",
  "*.secret",
];

let root: pino.Logger | undefined;

export function logger(): pino.Logger {
  root ??= pino({
    level: env().LOG_LEVEL,
    redact: { paths: REDACT, censor: "[redacted]" },
    base: { app: "marketing-engine" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line logged while serving a request carries its request id and organisation.
    mixin: () => {
      const ctx = requestContext();
      return ctx ? { requestId: ctx.requestId, organizationId: ctx.organizationId, userId: ctx.userId } : {};
    },
    hooks: {
      // Error lines that carry an Error also go to Sentry when SENTRY_DSN is set (lib/observability/sentry.ts).
      logMethod(args, method, level) {
        if (level >= 50) {
          const first = args[0] as unknown;
          const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (err instanceof Error) {
            const ctx = requestContext();
            const b = this.bindings();
            reportError(err, { requestId: b.requestId ?? ctx?.requestId, organizationId: b.organizationId ?? ctx?.organizationId, module: b.module, msg: typeof args[1] === "string" ? args[1] : undefined });
          }
        }
        method.apply(this, args);
      },
    },
  });
  return root;
}

export function childLogger(bindings: { requestId?: string; organizationId?: string; [k: string]: unknown }): pino.Logger {
  return logger().child(bindings);
}
