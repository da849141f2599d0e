/** What the guards read of a request: its headers (a web `Request`, or a node:http request through lib/api/node-route.ts). */
export type RequestHeaders = { headers: { get(name: string): string | null } };

/** The organisation API key a request carries (X-API-Key, or Authorization: Bearer me_…), if any. No dependencies: the CSRF check uses it too. */
export function apiKeyFrom(req: RequestHeaders): string | null {
  const header = req.headers.get("x-api-key");
  if (header) return header.trim();
  const authz = req.headers.get("authorization");
  if (authz?.toLowerCase().startsWith("bearer me_")) return authz.slice(7).trim();
  return null;
}

/**
 * The scope the route being served needs from an API key, set by the route wrapper (lib/api/handle.ts)
 * from the route's contract (requiredScope in lib/auth/roles.ts) and checked by the guard once the key
 * is verified. `null`: no key may call this route. Absent: the guard derives it from the permission.
 */
const routeScopes = new WeakMap<object, string | null>();

export function setRouteScope(req: object, scope: string | null): void {
  routeScopes.set(req, scope);
}

export function routeScopeOf(req: object): string | null | undefined {
  return routeScopes.get(req);
}
