import { fillPath, type BodyIn, type Endpoint, type PathParams, type QueryIn, type ResponseOut } from "@/lib/api/endpoint";

/**
 * The browser's client for our API, typed by the endpoint contracts (lib/<domain>/contracts.ts):
 *
 *   const page = await callApi(listRunsEndpoint, { params: { org }, query: { status: "FAILED" } });
 *   //    ^? { runs: RunListItem[]; nextCursor: string | null }, inferred from the response schema
 *
 * No literal URLs in components: the path, the method and the types all come from the contract, so
 * changing a route's schema shows up as a type error where the answer is used.
 * Errors throw ApiError carrying the server's message, code, field and Retry-After.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

type NoKeys<T> = keyof T extends never ? true : false;

/** Only what the endpoint takes, and required where the endpoint requires it. */
export type CallArgs<E extends Endpoint> = (NoKeys<PathParams<E>> extends true ? { params?: undefined } : { params: PathParams<E> }) &
  (QueryIn<E> extends undefined ? { query?: undefined } : { query?: QueryIn<E> }) &
  (BodyIn<E> extends undefined ? { body?: undefined } : { body: BodyIn<E> }) & { headers?: Record<string, string>; signal?: AbortSignal };

type MaybeArgs<E extends Endpoint> = NoKeys<PathParams<E>> extends true ? (BodyIn<E> extends undefined ? [args?: CallArgs<E>] : [args: CallArgs<E>]) : [args: CallArgs<E>];

/** The URL of an endpoint (for links and downloads); query values that are undefined are left out. */
export function endpointUrl<E extends Endpoint>(endpoint: E, args: { params?: Record<string, string>; query?: Record<string, unknown> } = {}): string {
  const url = fillPath(endpoint.path, args.params);
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) search.append(k, item instanceof Date ? item.toISOString() : String(item));
  }
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}

export async function callApi<E extends Endpoint>(endpoint: E, ...[args]: MaybeArgs<E>): Promise<ResponseOut<E>> {
  const a = (args ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };
  const isForm = typeof FormData !== "undefined" && a.body instanceof FormData;
  const hasJson = a.body !== undefined && !isForm;
  const res = await fetch(endpointUrl(endpoint, a), {
    method: endpoint.method,
    signal: a.signal,
    headers: { ...(hasJson ? { "content-type": "application/json" } : {}), ...a.headers },
    body: isForm ? (a.body as FormData) : hasJson ? JSON.stringify(a.body) : undefined,
  });
  if (res.status === 204) return undefined as ResponseOut<E>;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiError(e.message ?? res.statusText, res.status, e.code, e.field, Number(res.headers.get("retry-after")) || undefined);
  }
  return body as ResponseOut<E>;
}

/** A multipart upload with progress (XMLHttpRequest: fetch has no upload progress), typed like callApi. */
export function uploadApi<E extends Endpoint>(endpoint: E, args: CallArgs<E> & { body: FormData }, onProgress: (percent: number) => void): Promise<ResponseOut<E>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(endpoint.method, endpointUrl(endpoint, args as { params?: Record<string, string> }));
    xhr.responseType = "json";
    for (const [k, v] of Object.entries(args.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status < 300) return resolve(xhr.response as ResponseOut<E>);
      const e = (xhr.response as { error?: { message?: string; code?: string; field?: string } } | null)?.error ?? {};
      reject(new ApiError(e.message ?? `HTTP ${xhr.status}`, xhr.status, e.code, e.field, Number(xhr.getResponseHeader("retry-after")) || undefined));
    };
    xhr.onerror = () => reject(new ApiError("network error", 0));
    xhr.send(args.body);
  });
}

// Queries and mutations that call the API fail with ApiError (TanStack Query's default error type).
declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}
