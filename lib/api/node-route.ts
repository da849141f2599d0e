import "server-only";
import { randomFillSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Endpoint } from "@/lib/api/endpoint";
import { setRouteScope, type RequestHeaders } from "@/lib/auth/api-key-header";
import { requiredScope } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { errorPayload, requestIdOf } from "@/lib/http";
import { localeOfRequest } from "@/lib/i18n/config";
import { logger } from "@/lib/log";
import { contentSecurityPolicy, securityHeaders } from "@/lib/net/security-headers";
import { recordRequest } from "@/lib/observability/metrics";
import { runWithRequestContext } from "@/lib/request-context";
import { beginIngest } from "@/lib/runtime/signal";
import { contractAnswer } from "./answer";

/** A node:http request as the receivers read it: headers like a web `Request`, the body read up to a limit. */
export type NodeDelivery = RequestHeaders & { method: string; body: (maxBytes: number) => Promise<Uint8Array> };

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

class NodeHeaders {
  constructor(private readonly raw: IncomingMessage["headers"]) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  }
}

/** The body up to `maxBytes` (413 naming the body beyond, as `readBodyLimited` for a web `Request`). */
function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > maxBytes) return Promise.reject(new AppError("payload_too_large", "http.bodyTooLarge", { field: "body", values: { max: maxBytes } }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (c: Buffer) => {
      total += c.byteLength;
      if (total > maxBytes) {
        cleanup();
        req.resume();
        reject(new AppError("payload_too_large", "http.bodyTooLarge", { field: "body", values: { max: maxBytes } }));
      } else chunks.push(c);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/**
 * The security headers of proxy.ts for a production JSON answer, built once: only the CSP nonce changes
 * per answer (16 crypto-random bytes drawn from a pooled buffer, one `randomFillSync` per 256 answers).
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceAt = noncePool.length;
function nonce(): string {
  if (nonceAt >= noncePool.length) {
    randomFillSync(noncePool);
    nonceAt = 0;
  }
  const n = noncePool.toString("base64", nonceAt, nonceAt + NONCE_BYTES);
  nonceAt += NONCE_BYTES;
  return n;
}
const [cspBefore, cspAfter] = contentSecurityPolicy({ nonce: "\u0000", dev: false }).split("\u0000") as [string, string];
const staticHeaders = (https: boolean) => {
  const { "Content-Security-Policy": _csp, ...rest } = securityHeaders({ nonce: "", dev: false, https });
  return rest;
};
const plainHeaders = staticHeaders(false);
const httpsHeaders = staticHeaders(true);

/**
 * A contract's JSON route served by plain node:http, outside the Next.js request pipeline (web streams,
 * `Request` objects, the proxy, response compression): the hot ingest webhooks of the production server
 * (scripts/server.mjs). It does what `handle()` + `route()` do for a Next.js route, with the same lib
 * functions: request id (X-Request-Id), request context for the logs, the API key scope of the contract,
 * the answer checked by `contractAnswer()`, errors by `errorPayload()` in the reader's language, the
 * security headers of proxy.ts, one "request" log line and `recordRequest()` for /api/metrics. Only for
 * routes without a session (access `apiKey`, `signature`, `public`): session cookies and CSRF checks stay in Next.js.
 */
export function nodeRoute(endpoint: Endpoint, fn: (args: { req: NodeDelivery; requestId: string }) => Promise<unknown>): NodeHandler {
  if (endpoint.access === "org" || endpoint.access === "user") throw new Error(`${endpoint.method} ${endpoint.path}: session routes stay in Next.js`);
  if ((endpoint.produces ?? "json") !== "json") throw new Error(`${endpoint.method} ${endpoint.path}: only JSON routes are served by nodeRoute`);
  const scope = endpoint.access === "apiKey" ? requiredScope(endpoint) : undefined;
  return async (req, res) => {
    const started = performance.now();
    const ingested = beginIngest();
    try {
      await answer(req, res, started);
    } finally {
      ingested();
    }
  };

  async function answer(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const headers = new NodeHeaders(req.headers);
    const requestId = requestIdOf(headers.get("x-request-id"));
    const delivery: NodeDelivery = { headers, method: req.method ?? "GET", body: (max) => readNodeBody(req, max) };
    if (scope !== undefined) setRouteScope(delivery, scope);
    let status: number;
    let body: string;
    const extra: Record<string, string> = { "X-Request-Id": requestId };
    await runWithRequestContext({ requestId }, async () => {
      try {
        const answer = contractAnswer(endpoint, await fn({ req: delivery, requestId }));
        status = answer.status;
        body = JSON.stringify(answer.data);
      } catch (err) {
        const e = errorPayload(err, { requestId, locale: localeOfRequest(delivery) });
        status = e.status;
        body = JSON.stringify(e.body);
        Object.assign(extra, e.headers);
        // A body cut short (413): the rest is not read; close the connection after the answer.
        if (err instanceof AppError && err.code === "payload_too_large") extra.Connection = "close";
      }
      logger().info({ method: delivery.method, path: (req.url ?? "/").split("?")[0], status, ms: Math.round(performance.now() - started) }, "request");
    });
    const https = headers.get("x-forwarded-proto") === "https";
    res.writeHead(status!, { "Content-Security-Policy": cspBefore + nonce() + cspAfter, ...(https ? httpsHeaders : plainHeaders), "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body!), ...extra });
    res.end(body!);
    recordRequest(endpoint.method, endpoint.path, status!, (performance.now() - started) / 1000);
  }
}
