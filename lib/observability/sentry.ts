import "server-only";
import { hostname } from "node:os";
import { createStackParser, createTransport, Scope } from "@sentry/core";
import { nodeStackLineParser, ServerRuntimeClient } from "@sentry/core/server";
import { env } from "@/lib/env";

/**
 * Errors to Sentry when `SENTRY_DSN` is set (issue 14, observability). @sentry/core does the protocol
 * (DSN, envelopes, stack frames, rate limits, de-duplication); we give it `fetch` as transport and
 * no integrations: nothing is instrumented, no request data or personal data is attached. lib/log.ts
 * reports every line logged at error level or above that carries an Error (`{ err }`): unhandled
 * route errors, failed workflow steps, failed deliveries. Tags: requestId, organizationId, module.
 * Never throws and never logs (the logger calls it).
 */
let client: ServerRuntimeClient | null | undefined;

function sentry(): ServerRuntimeClient | null {
  if (client !== undefined) return client;
  const dsn = env().SENTRY_DSN;
  if (!dsn) return (client = null);
  client = new ServerRuntimeClient({
    dsn,
    release: "marketing-engine@0.1.0",
    environment: env().NODE_ENV,
    platform: "node",
    runtime: { name: "node", version: process.version },
    serverName: hostname(),
    integrations: [],
    sendDefaultPii: false,
    stackParser: createStackParser(nodeStackLineParser()),
    transport: (options) =>
      createTransport(options, async (request) => {
        const res = await fetch(options.url, { method: "POST", body: request.body as BodyInit, headers: options.headers, signal: AbortSignal.timeout(10_000) });
        return { statusCode: res.status, headers: { "x-sentry-rate-limits": res.headers.get("x-sentry-rate-limits"), "retry-after": res.headers.get("retry-after") } };
      }),
  });
  client.init();
  return client;
}

export type ErrorTags = { requestId?: unknown; organizationId?: unknown; module?: unknown; msg?: unknown };

/** Send one error (no-op without SENTRY_DSN). */
export function reportError(err: Error, tags: ErrorTags = {}): void {
  try {
    const c = sentry();
    if (!c) return;
    const scope = new Scope();
    for (const [k, v] of Object.entries(tags)) if (typeof v === "string" && v && k !== "msg") scope.setTag(k, v);
    if (typeof tags.msg === "string") scope.setExtra("log", tags.msg);
    c.captureException(err, undefined, scope);
  } catch {
    // Reporting must never break the code path that logged.
  }
}

/** Wait until queued reports are sent (shutdown, tests). */
export async function flushErrors(timeoutMs = 5_000): Promise<boolean> {
  return client ? client.flush(timeoutMs) : true;
}

/** Read SENTRY_DSN again on next use (tests). */
export function resetErrorReporting(): void {
  client = undefined;
}
