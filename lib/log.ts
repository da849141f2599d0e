import "server-only";
import pino from "pino";
import { env } from "@/lib/env";
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
  });
  return root;
}

export function childLogger(bindings: { requestId?: string; organizationId?: string; [k: string]: unknown }): pino.Logger {
  return logger().child(bindings);
}
