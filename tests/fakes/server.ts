import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Loose } from "@/lib/connectors/http";

/**
 * A tiny framework for local HTTP fakes of vendor APIs: routes, recorded calls, one-shot fault
 * injection (answer the next N matching calls with a given error), and an OAuth 2.0 server
 * (authorize with auto-consent, code + refresh grants, PKCE S256, optional refresh-token rotation).
 */
export type FakeRequest = { method: string; url: URL; path: string; headers: IncomingMessage["headers"]; raw: Buffer; json: Loose; form: URLSearchParams };
export type FakeResponse = { status: number; headers?: Record<string, string>; json?: unknown; text?: string };
type Handler = (req: FakeRequest, m: RegExpMatchArray) => FakeResponse | Promise<FakeResponse>;

export class FakeServer {
  readonly name: string;
  private server?: Server;
  private routes: { method: string; re: RegExp; handler: Handler }[] = [];
  private faults: { method?: string; re: RegExp; res: FakeResponse; times: number }[] = [];
  private delays: { method?: string; re: RegExp; ms: number; times: number }[] = [];
  calls: { method: string; path: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  url = "";

  constructor(name: string) {
    this.name = name;
  }

  route(method: string, re: RegExp, handler: Handler): this {
    this.routes.push({ method, re, handler });
    return this;
  }

  /** The next `times` calls whose path matches answer `res` instead of the real handler. */
  inject(re: RegExp, res: FakeResponse, times = 1, method?: string): this {
    this.faults.push({ re, res, times, method });
    return this;
  }

  /** The next `times` calls whose path matches are answered as usual, `ms` later (a slow platform). */
  delay(re: RegExp, ms: number, times = 1, method?: string): this {
    this.delays.push({ re, ms, times, method });
    return this;
  }

  /** Forget the faults and delays not used up (a test that injected more than its calls consumed). */
  clearInjected(): this {
    this.faults = [];
    this.delays = [];
    return this;
  }

  callsTo(re: RegExp, method?: string) {
    return this.calls.filter((c) => re.test(c.path) && (!method || c.method === method));
  }

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const addr = this.server.address();
    this.url = `http://${host}:${typeof addr === "object" && addr ? addr.port : port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.url);
    const ct = String(req.headers["content-type"] ?? "");
    let json: Loose;
    if (ct.includes("json") && raw.length) {
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        json = undefined;
      }
    }
    const form = ct.includes("x-www-form-urlencoded") ? new URLSearchParams(raw.toString("utf8")) : new URLSearchParams();
    const fr: FakeRequest = { method: req.method ?? "GET", url, path: url.pathname, headers: req.headers, raw, json, form };
    this.calls.push({ method: fr.method, path: url.pathname + url.search, headers: req.headers, body: raw.toString("utf8").slice(0, 2000) });
    const slow = takeInjected(this.delays, url.pathname + url.search, fr.method);
    if (slow) await new Promise((r) => setTimeout(r, slow.ms));
    let out: FakeResponse;
    const fault = takeInjected(this.faults, url.pathname + url.search, fr.method);
    if (fault) {
      out = fault.res;
    } else {
      const r = this.routes.find((r) => r.method === fr.method && r.re.test(url.pathname));
      try {
        out = r ? await r.handler(fr, url.pathname.match(r.re)!) : { status: 404, json: { error: "no such fake route", path: url.pathname } };
      } catch (err) {
        out = { status: 500, json: { error: String(err) } };
      }
    }
    const headers: Record<string, string> = { ...out.headers };
    let body = out.text ?? "";
    if (out.json !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(out.json);
    }
    res.writeHead(out.status, headers);
    res.end(body);
  }
}

/** The first injected fault or delay, not used up, that matches this call; counts it used. */
function takeInjected<T extends { re: RegExp; method?: string; times: number }>(list: T[], pathAndQuery: string, method: string): T | undefined {
  const hit = list.find((i) => i.times > 0 && i.re.test(pathAndQuery) && (!i.method || i.method === method));
  if (hit) hit.times--;
  return hit;
}

export type TokenRecord = { accessToken: string; expiresAt: number; revoked: boolean };

export interface OAuthFakeOptions {
  clientId: string;
  clientSecret: string;
  authorizePath: string;
  tokenPath: string;
  clientIdParam?: "client_id" | "client_key";
  clientAuth: "post" | "basic";
  rotateRefreshTokens: boolean;
  accessTtlSec: number;
  refreshTtlSec?: number;
  /** Body for a failed grant (vendor-specific shapes). */
  errorBody?: (error: string, description: string) => unknown;
  tokenExtras?: () => Record<string, unknown>;
  omitTokenType?: boolean;
  /** Reject authorization requests without PKCE (X requires it). */
  requirePkce?: boolean;
  /** Extra grant types (Meta fb_exchange_token). */
  grants?: Record<string, (form: URLSearchParams) => FakeResponse | null>;
}

/** OAuth 2.0 authorization server for a vendor fake. Auto-consents: authorize redirects straight back. */
export class FakeOAuth {
  readonly opts: OAuthFakeOptions;
  codes = new Map<string, { redirectUri: string; challenge?: string; method?: string; scope: string; used: boolean }>();
  refreshTokens = new Map<string, { valid: boolean; family: string }>();
  accessTokens = new Map<string, TokenRecord>();
  tokenCalls: { grantType: string; form: URLSearchParams }[] = [];
  authorizeCalls: URLSearchParams[] = [];
  clock = () => Date.now();

  constructor(opts: OAuthFakeOptions) {
    this.opts = opts;
  }

  install(server: FakeServer): void {
    server.route("GET", new RegExp(`^${this.opts.authorizePath}$`), (req) => this.authorize(req));
    server.route("POST", new RegExp(`^${this.opts.tokenPath}$`), (req) => this.token(req));
  }

  issue(): { accessToken: string; refreshToken: string } {
    const accessToken = `at_${randomBytes(12).toString("hex")}`;
    const refreshToken = `rt_${randomBytes(12).toString("hex")}`;
    this.accessTokens.set(accessToken, { accessToken, expiresAt: this.clock() + this.opts.accessTtlSec * 1000, revoked: false });
    this.refreshTokens.set(refreshToken, { valid: true, family: refreshToken });
    return { accessToken, refreshToken };
  }

  /** Is this bearer token currently accepted? */
  check(token: string | undefined): boolean {
    const rec = token ? this.accessTokens.get(token) : undefined;
    return !!rec && !rec.revoked && rec.expiresAt > this.clock();
  }

  expireAccessTokens(): void {
    for (const t of this.accessTokens.values()) t.revoked = true;
  }
  revokeRefreshTokens(): void {
    for (const r of this.refreshTokens.values()) r.valid = false;
  }

  private err(status: number, error: string, description: string): FakeResponse {
    return { status, json: this.opts.errorBody ? this.opts.errorBody(error, description) : { error, error_description: description } };
  }

  private authorize(req: FakeRequest): FakeResponse {
    const q = req.url.searchParams;
    this.authorizeCalls.push(q);
    if (q.get(this.opts.clientIdParam ?? "client_id") !== this.opts.clientId) return { status: 400, text: "unknown client" };
    const redirectUri = q.get("redirect_uri");
    if (!redirectUri) return { status: 400, text: "redirect_uri required" };
    const challenge = q.get("code_challenge") ?? undefined;
    const method = q.get("code_challenge_method") ?? undefined;
    if (challenge && method !== "S256") return { status: 400, text: "only S256 is accepted" };
    if (this.opts.requirePkce && !challenge) return { status: 400, text: "code_challenge required" };
    const code = `code_${randomBytes(10).toString("hex")}`;
    this.codes.set(code, { redirectUri, challenge, method, scope: q.get("scope") ?? "", used: false });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    if (q.get("state") !== null) back.searchParams.set("state", q.get("state")!);
    return { status: 302, headers: { location: back.toString() } };
  }

  private clientOk(req: FakeRequest): boolean {
    if (this.opts.clientAuth === "basic") {
      const h = String(req.headers.authorization ?? "");
      if (!h.startsWith("Basic ")) return false;
      const [id, secret] = Buffer.from(h.slice(6), "base64").toString().split(":").map(decodeURIComponent);
      return id === this.opts.clientId && secret === this.opts.clientSecret;
    }
    return req.form.get(this.opts.clientIdParam ?? "client_id") === this.opts.clientId && req.form.get("client_secret") === this.opts.clientSecret;
  }

  private tokenResponse(scope: string): FakeResponse {
    const { accessToken, refreshToken } = this.issue();
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: this.opts.accessTtlSec,
      refresh_token: refreshToken,
      scope,
      ...this.opts.tokenExtras?.(),
    };
    if (this.opts.refreshTtlSec) body.refresh_token_expires_in = this.opts.refreshTtlSec;
    if (!this.opts.omitTokenType) body.token_type = "bearer";
    return { status: 200, json: body };
  }

  private token(req: FakeRequest): FakeResponse {
    const grant = req.form.get("grant_type") ?? "";
    this.tokenCalls.push({ grantType: grant, form: req.form });
    if (!this.clientOk(req)) return this.err(401, "invalid_client", "client authentication failed");
    if (grant === "authorization_code") {
      const code = this.codes.get(req.form.get("code") ?? "");
      if (!code || code.used) return this.err(400, "invalid_grant", "code is invalid or was used");
      code.used = true;
      if (code.redirectUri !== req.form.get("redirect_uri")) return this.err(400, "invalid_grant", "redirect_uri mismatch");
      if (code.challenge) {
        const verifier = req.form.get("code_verifier") ?? "";
        const computed = createHash("sha256").update(verifier).digest("base64url");
        if (computed !== code.challenge) return this.err(400, "invalid_grant", "PKCE verification failed");
      }
      return this.tokenResponse(code.scope);
    }
    if (grant === "refresh_token") {
      const rt = req.form.get("refresh_token") ?? "";
      const rec = this.refreshTokens.get(rt);
      if (!rec || !rec.valid) return this.err(400, "invalid_grant", "refresh token is invalid, expired or revoked");
      if (this.opts.rotateRefreshTokens) rec.valid = false;
      const res = this.tokenResponse("");
      if (!this.opts.rotateRefreshTokens) (res.json as Record<string, unknown>).refresh_token = rt;
      return res;
    }
    const extra = this.opts.grants?.[grant]?.(req.form);
    if (extra) return extra;
    return this.err(400, "unsupported_grant_type", grant);
  }
}

export const bearer = (req: FakeRequest) =>
  String(req.headers.authorization ?? "").replace(/^Bearer /i, "") || req.url.searchParams.get("access_token") || undefined;
export const id = (prefix: string) => `${prefix}${Math.floor(Math.random() * 1e15)}`;
