import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "@/lib/net/security-headers";

/**
 * Runs before every request but static assets: a fresh CSP nonce per request (lib/net/security-headers.ts),
 * passed to the render through the request's Content-Security-Policy header (Next.js reads the nonce
 * there for its scripts) and sent back with the other security headers. HSTS only over https.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  // eslint-disable-next-line no-restricted-syntax -- NODE_ENV is inlined at build time; the proxy does not load the settings module
  const dev = process.env.NODE_ENV === "development";
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const headers = securityHeaders({ nonce, dev, https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The page path for lib/i18n/request.ts: dates in the time zone of the organisation being viewed.
  requestHeaders.set("x-me-pathname", request.nextUrl.pathname);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
