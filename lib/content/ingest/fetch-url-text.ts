import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { AppError, type AppErrorCode, type MessageValues } from "@/lib/errors";
import { classifyAddress } from "./address-policy";
import { htmlToText } from "@/lib/text/html-to-text";

/**
 * Server-side fetch of a URL input (MKT-101) with SSRF protection:
 * - http(s) only, no credentials in the URL;
 * - the host is resolved here and EVERY address must be public (see address-policy.ts) unless
 *   `allowPrivate` (default: setting URL_FETCH_ALLOW_PRIVATE, false);
 * - the connection goes to the address that was checked (pinned lookup: no DNS rebinding);
 * - redirects are followed by hand (at most 5), each hop checked again;
 * - a deadline for the whole fetch and a byte limit (the rest of a larger page is ignored).
 */
export const URL_FETCH_LIMITS = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 5, maxTextChars: 50_000 } as const;

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export type FetchUrlTextOptions = {
  url: string;
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  resolve?: Resolver;
};

export type FetchedPage = { url: string; finalUrl: string; title: string | null; description: string | null; text: string; contentType: string; bytes: number; truncated: boolean };

const defaultResolve: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A refused or failed URL, about the field "url" (errors.content.url picks the words by `reason`). */
const urlError = (code: AppErrorCode, values: MessageValues & { reason: string }, cause?: unknown) => new AppError(code, "content.url", { field: "url", values, cause });

function parseHttpUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw urlError("validation", { reason: "invalid" });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw urlError("validation", { reason: "scheme" });
  if (u.username || u.password) throw urlError("validation", { reason: "credentials" });
  return u;
}

/** Resolve the URL's host and refuse private destinations. Returns the address to connect to. */
export async function assertFetchableUrl(opts: { url: string; allowPrivate?: boolean; resolve?: Resolver }): Promise<{ url: URL; address: string; family: number }> {
  const u = parseHttpUrl(opts.url);
  const allowPrivate = opts.allowPrivate ?? env().URL_FETCH_ALLOW_PRIVATE;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (opts.resolve ?? defaultResolve)(host);
    } catch {
      throw urlError("validation", { reason: "unresolved", host });
    }
  }
  if (addresses.length === 0) throw urlError("validation", { reason: "unresolved", host });
  if (!allowPrivate) {
    const bad = addresses.find((a) => classifyAddress(a.address) !== "public");
    // "Address not allowed" and nothing more: neither the address the host resolved to nor its kind (issue 10, row 12).
    if (bad) throw urlError("validation", { reason: "notPublic" });
  }
  return { url: u, address: addresses[0]!.address, family: addresses[0]!.family };
}

function request(target: { url: URL; address: string; family: number }, signal: AbortSignal): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_host, options, cb) => {
    if (options && typeof options === "object" && options.all) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  };
  const lib = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(target.url, {
      method: "GET",
      lookup: pinned,
      signal,
      headers: { "user-agent": "MarketingEngine/1.0 (+content ingestion)", accept: "text/html,application/xhtml+xml,text/plain;q=0.9", "accept-encoding": "identity" },
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end();
  });
}

async function readLimited(res: IncomingMessage, maxBytes: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res) {
    const c = chunk as Buffer;
    if (total + c.length > maxBytes) {
      chunks.push(c.subarray(0, maxBytes - total));
      total = maxBytes;
      res.destroy();
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(c);
    total += c.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function decode(bytes: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

export async function fetchUrlText(opts: FetchUrlTextOptions): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? URL_FETCH_LIMITS.timeoutMs;
  const maxBytes = opts.maxBytes ?? URL_FETCH_LIMITS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? URL_FETCH_LIMITS.maxRedirects;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = opts.url;
  try {
    for (let hop = 0; ; hop++) {
      const target = await assertFetchableUrl({ url: current, allowPrivate: opts.allowPrivate, resolve: opts.resolve });
      const res = await request(target, signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hop >= maxRedirects) throw urlError("validation", { reason: "redirects", max: maxRedirects });
        current = new URL(res.headers.location, target.url).toString();
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw urlError(status >= 500 ? "upstream" : "validation", { reason: "status", status });
      }
      const contentType = String(res.headers["content-type"] ?? "text/html");
      if (!/^(text\/html|application\/xhtml\+xml|text\/plain)\b/i.test(contentType)) {
        res.resume();
        throw urlError("unsupported_media_type", { reason: "type", type: contentType.split(";")[0]! });
      }
      const { bytes, truncated } = await readLimited(res, maxBytes);
      const raw = decode(bytes, contentType);
      const page = /^text\/plain/i.test(contentType) ? { title: null, description: null, text: raw.trim() } : htmlToText(raw);
      return { url: opts.url, finalUrl: target.url.toString(), ...page, text: page.text.slice(0, URL_FETCH_LIMITS.maxTextChars), contentType, bytes: bytes.length, truncated };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (signal.aborted) throw urlError("upstream", { reason: "timeout", seconds: Math.round(timeoutMs / 1000) }, err);
    // The error's code only (ECONNREFUSED...): Node's message names the address it connected to.
    throw urlError("upstream", { reason: "failed", detail: (err as NodeJS.ErrnoException).code ?? "-" }, err);
  }
}
