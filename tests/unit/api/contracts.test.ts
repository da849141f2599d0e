import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpoints } from "@/lib/api/registry";

/**
 * One contract per endpoint: every method exported by an app/api/**\/route.ts file (found on disk) has
 * exactly one contract in lib/api/registry.ts, bound with handle() (the library-owned protocols of
 * next-auth, the Inngest SDK and the executor's event API are "internal" contracts served as they are),
 * and every contract has its route.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir = "app/api"): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return routeFiles(rel);
    return name === "route.ts" ? [rel] : [];
  });
}

/** app/api/orgs/[org]/runs/[runId]/route.ts -> /api/orgs/{org}/runs/{runId} ([...key] -> {key}). */
export function pathOfRouteFile(file: string): string {
  return (
    "/" +
    path.posix
      .dirname(file)
      .replace(/^app\//, "")
      .replace(/\[\.\.\.(\w+)\]/g, "{$1}")
      .replace(/\[(\w+)\]/g, "{$1}")
  );
}

function exportedMethods(source: string): string[] {
  return METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source));
}

type RouteFile = { file: string; path: string; source: string };

/** "GET /api/x (app/api/x/route.ts): 0 contracts" for each exported method without exactly one contract. */
export function methodsWithoutContract(routes: RouteFile[], contracts: { method: string; path: string }[]): string[] {
  return routes.flatMap((r) =>
    exportedMethods(r.source).flatMap((method) => {
      const found = contracts.filter((e) => e.method === method && e.path === r.path).length;
      return found === 1 ? [] : [`${method} ${r.path} (${r.file}): ${found} contracts`];
    }),
  );
}

describe("endpoint contracts", () => {
  const routes = routeFiles().map((file) => ({ file, path: pathOfRouteFile(file), source: readFileSync(path.join(ROOT, file), "utf8") }));

  it("finds the route files on disk", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(pathOfRouteFile("app/api/media/[...key]/route.ts")).toBe("/api/media/{key}");
  });

  it("every method of every route file has exactly one contract", () => {
    expect(methodsWithoutContract(routes, endpoints)).toEqual([]);
  });

  it("a route file added without a contract is reported", () => {
    const added = { file: "app/api/orgs/[org]/widgets/route.ts", path: "/api/orgs/{org}/widgets", source: "export const GET = route(async () => json([]));\nexport async function POST() {}" };
    expect(methodsWithoutContract([...routes, added], endpoints)).toEqual([
      "GET /api/orgs/{org}/widgets (app/api/orgs/[org]/widgets/route.ts): 0 contracts",
      "POST /api/orgs/{org}/widgets (app/api/orgs/[org]/widgets/route.ts): 0 contracts",
    ]);
  });

  it("every contract has a route file exporting its method", () => {
    const orphans = endpoints.filter((e) => !routes.some((r) => r.path === e.path && exportedMethods(r.source).includes(e.method))).map((e) => `${e.method} ${e.path}`);
    expect(orphans).toEqual([]);
  });

  it("route handlers are bound to their contract with handle() (internal protocols excepted)", () => {
    const unbound = endpoints
      .filter((e) => e.access !== "internal")
      .filter((e) => {
        const r = routes.find((x) => x.path === e.path)!;
        return !new RegExp(`export const ${e.method} = handle\\(`).test(r.source);
      })
      .map((e) => `${e.method} ${e.path}`);
    expect(unbound).toEqual([]);
  });

  it("JSON endpoints have a response schema; path parameters match the path", () => {
    for (const e of endpoints) {
      if ((e.produces ?? "json") === "json") expect(e.response, `${e.method} ${e.path}`).toBeDefined();
      expect(e.path).toMatch(/^\/api\/[a-zA-Z0-9\-./{}]*$/);
    }
  });
});
