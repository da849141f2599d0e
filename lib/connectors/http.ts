import { throughCircuit } from "./circuit";
import { ConnectorError } from "./errors";
import type { PlatformKey } from "./types";

/** Vendor JSON read field by field (every field is checked where it is used). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** Injectable runtime for connectors: fetch, clock and sleep (tests pin the clock, record sleeps). */
export interface ConnectorRuntime {
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
  /** Longest a call waits in-process for a rate-limit reset before giving up with rate_limited. */
  maxRateLimitWaitMs: number;
  maxAttempts: number;
  baseBackoffMs: number;
}

export const defaultRuntime = (): ConnectorRuntime => ({
  fetch: (...args) => fetch(...args),
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  timeoutMs: 30_000,
  maxRateLimitWaitMs: 120_000,
  maxAttempts: 4,
  baseBackoffMs: 500,
});

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  url: string | URL;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** multipart/form-data (fetch sets the boundary). */
  multipart?: FormData;
  body?: Uint8Array | string;
}

/** One HTTP exchange. Network errors and timeouts become transient ConnectorErrors. */
export async function send(platform: PlatformKey, rt: ConnectorRuntime, req: HttpRequest): Promise<HttpResponse> {
  const headers = new Headers(req.headers);
  let body: BodyInit | undefined;
  if (req.json !== undefined) {
    headers.set("content-type", headers.get("content-type") ?? "application/json");
    body = JSON.stringify(req.json);
  } else if (req.form) {
    body = new URLSearchParams(req.form);
  } else if (req.multipart) {
    body = req.multipart;
  } else if (req.body !== undefined) {
    body = typeof req.body === "string" ? req.body : new Blob([req.body as Uint8Array<ArrayBuffer>]);
  }
  return throughCircuit(platform, async () => {
    let res: Response;
    try {
      res = await rt.fetch(req.url, { method: req.method, headers, body, signal: AbortSignal.timeout(rt.timeoutMs), redirect: "manual" });
    } catch (err) {
      const name = (err as Error).name;
      throw new ConnectorError("transient", platform, name === "TimeoutError" ? "request timed out" : `network error: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    let parsed: unknown = text;
    if (text && (res.headers.get("content-type") ?? "").includes("json")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  });
}

export const obj = (v: unknown): Record<string, Loose> => (v && typeof v === "object" ? (v as Record<string, Loose>) : {});

/** Next midnight UTC after `now` (LinkedIn daily quotas reset then). */
export const nextUtcMidnight = (now: number) => {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
};

/** Generic status fallback when a platform body is not recognised. */
export function fallbackError(platform: PlatformKey, res: HttpResponse, rt: ConnectorRuntime, message?: string): ConnectorError {
  const msg = message ?? (res.text.slice(0, 300) || `HTTP ${res.status}`);
  if (res.status === 401) return new ConnectorError("auth_expired", platform, msg, { httpStatus: 401 });
  if (res.status === 403) return new ConnectorError("permission", platform, msg, { httpStatus: 403 });
  if (res.status === 404) return new ConnectorError("not_found", platform, msg, { httpStatus: 404 });
  if (res.status === 429) {
    const ra = Number(res.headers.get("retry-after"));
    return new ConnectorError("rate_limited", platform, msg, {
      httpStatus: 429,
      retryAt: new Date(rt.now() + (Number.isFinite(ra) && ra > 0 ? ra : 60) * 1000),
      now: rt.now(),
    });
  }
  if (res.status >= 500) return new ConnectorError("transient", platform, msg, { httpStatus: res.status });
  return new ConnectorError("validation", platform, msg, { httpStatus: res.status });
}
