import "server-only";
import { hostname } from "node:os";
import type { ServerRuntimeClient } from "@sentry/core/server";
import { env } from "@/lib/env";

/**
 * Errors to Sentry when `SENTRY_DSN` is set (issue 14, observability). @sentry/core does the protocol
 * (DSN, envelopes, stack frames, rate limits, de-duplication); we give it `fetch` as transport and
 * no integrations: nothing is instrumented, no request data or personal data is attached. lib/log.ts
 * reports every line logged at error level or above that carries an Error (`{ err }`): unhandled
 * route errors, failed workflow steps, failed deliveries. Tags: requestId, organizationId, module.
 * Never throws and never logs (the logger calls it).
 * @sentry/core is loaded on the first report with a DSN, never at start-up: every process imports the
 * logger, and loading the SDK cost ~0.5 s of each start (a worker's restart, tests/integration/faults).
 */
type Sentry = { client: ServerRuntimeClient; Scope: typeof import("@sentry/core").Scope };
let sentryPromise: Promise<Sentry | null> | undefined;

function sentry(dsn: string): Promise<Sentry | null> {
  sentryPromise ??= (async () => {
    const [{ createStackParser, createTransport, Scope }, { nodeStackLineParser, ServerRuntimeClient }] = await Promise.all([import("@sentry/core"), import("@sentry/core/server")]);
    const client = new ServerRuntimeClient({
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
    return { client, Scope };
  })().catch(() => null);
  return sentryPromise;
}

export type ErrorTags = { requestId?: unknown; organizationId?: unknown; module?: unknown; msg?: unknown };

/** Reports handed over and not yet passed to the SDK (it may still be loading): flushErrors waits for them. */
const pending = new Set<Promise<void>>();

/** Send one error (no-op without SENTRY_DSN). */
export function reportError(err: Error, tags: ErrorTags = {}): void {
  try {
    const dsn = env().SENTRY_DSN;
    if (!dsn) return;
    const handed = sentry(dsn)
      .then((s) => {
        if (!s) return;
        const scope = new s.Scope();
        for (const [k, v] of Object.entries(tags)) if (typeof v === "string" && v && k !== "msg") scope.setTag(k, v);
        if (typeof tags.msg === "string") scope.setExtra("log", tags.msg);
        s.client.captureException(err, undefined, scope);
      })
      .catch(() => undefined)
      .finally(() => pending.delete(handed));
    pending.add(handed);
  } catch {
    // Reporting must never break the code path that logged.
  }
}

/** Wait until queued reports are sent (shutdown, tests). */
export async function flushErrors(timeoutMs = 5_000): Promise<boolean> {
  await Promise.all([...pending]);
  const s = await sentryPromise;
  return s ? s.client.flush(timeoutMs) : true;
}

/** Read SENTRY_DSN again on next use (tests). */
export function resetErrorReporting(): void {
  sentryPromise = undefined;
}
