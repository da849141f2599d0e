import "server-only";
import { apiKeyFrom } from "@/lib/auth/api-key-header";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Cross-site request forgery defence for cookie-authenticated state changes (SameSite=Lax alone let
 * text/plain, form and multipart bodies through with the victim's cookie). A request carrying the
 * session cookie and no API key, with a mutating method, must come from our own pages: its Origin is
 * ours (or, without an Origin, Sec-Fetch-Site says same-origin), and a JSON route's body is labelled
 * application/json (a cross-site form cannot send that without a CORS preflight). Else 403. Requests
 * with an API key carry no ambient credential; webhooks keep their signatures; next-auth's own
 * endpoints have their CSRF token and server actions Next.js's Origin check.
 */
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-|__Host-)?authjs\.session-token(?:\.\d+)?=/;

export function isCookieAuthenticated(req: Request): boolean {
  return SESSION_COOKIE.test(req.headers.get("cookie") ?? "") && !apiKeyFrom(req);
}

/** Origins this app answers on: APP_URL, and the one the request was addressed to (Host, or X-Forwarded-Host behind a proxy). */
function ownOrigins(req: Request): Set<string> {
  const out = new Set<string>([new URL(req.url).origin]);
  const appUrl = env().APP_URL;
  if (appUrl) out.add(new URL(appUrl).origin);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  if (host) out.add(`${proto}://${host}`);
  return out;
}

export function assertSameOriginRequest(req: Request, opts: { json: boolean }): void {
  if (!MUTATING.has(req.method) || !isCookieAuthenticated(req)) return;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  const sameOrigin = origin && origin !== "null" ? ownOrigins(req).has(origin) : site === "same-origin";
  if (!sameOrigin || (site && site !== "same-origin" && site !== "none")) throw new AppError("forbidden", "http.crossSite", { field: "Origin" });
  if (opts.json) {
    const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") throw new AppError("forbidden", "http.jsonContentType", { field: "Content-Type" });
  }
}
