import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as pwRequest, test } from "@playwright/test";
import { newTenant } from "./support/api";
import { ROUTES, prepareTenant, type Method, type RouteSpec, type Tenant } from "./support/route-manifest";

/**
 * Through HTTP against the built app: every route file is enumerated from disk, so a new route
 * without a manifest entry fails here, and every org-scoped method is checked for tenant isolation
 * and every JSON-taking method for bad input.
 */
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir = "app/api"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return name === "route.ts" ? [p.split(path.sep).join("/")] : [];
  });
}

function exportedMethods(file: string): Method[] {
  const src = readFileSync(file, "utf8");
  return METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(src));
}

function urlFor(file: string, slug: string, params: Record<string, string>): string {
  return (
    "/" +
    file
      .replace(/^app\//, "")
      .replace(/\/route\.ts$/, "")
      .replace("[org]", slug)
      .replace(/\[([^\]]+)\]/g, (_, k: string) => params[k] ?? `missing-${k}`)
  );
}

async function call(t: Tenant, method: Method, url: string, body?: unknown) {
  return t.ctx.fetch(url, { method, ...(body !== undefined ? { data: body } : {}), maxRedirects: 0 });
}

test.describe("API routes", () => {
  let a: Tenant;
  let b: Tenant;

  test.beforeAll(async ({ baseURL }) => {
    // Two tenants, each with an idea taken through MKT-101..106 to a scheduled publication: up to a minute each on a loaded machine.
    test.setTimeout(180_000);
    a = { ...(await newTenant(baseURL!, "tenant-a")), ids: {} };
    b = { ...(await newTenant(baseURL!, "tenant-b")), ids: {} };
    await prepareTenant(a);
    await prepareTenant(b);
  });

  test("every route handler file and method is in the manifest", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const spec = ROUTES[file];
      expect(spec, `${file} has no entry in tests/e2e/support/route-manifest.ts`).toBeDefined();
      for (const m of exportedMethods(file)) expect(spec!.methods[m], `${file} ${m} is not in the manifest`).toBeDefined();
    }
  });

  test("another organisation's slug or resource answers 404 on every org route", async () => {
    const orgRoutes = Object.entries(ROUTES).filter(([, s]) => s.kind === "org") as [string, RouteSpec][];
    expect(orgRoutes.length).toBeGreaterThan(3);
    for (const [file, spec] of orgRoutes) {
      for (const [method, m] of Object.entries(spec.methods) as [Method, NonNullable<RouteSpec["methods"][Method]>][]) {
        const body = m.body?.(a);
        // B uses A's slug (and A's resource ids): 404.
        const viaSlug = await call(b, method, urlFor(file, a.slug, spec.params?.(a) ?? {}), body);
        expect(viaSlug.status(), `${method} ${file} with another org's slug`).toBe(404);
        // B uses its own slug with A's resource ids: 404.
        if (spec.params) {
          const viaId = await call(b, method, urlFor(file, b.slug, spec.params(a)), body);
          expect(viaId.status(), `${method} ${file} with another org's resource id`).toBe(404);
        }
      }
    }
  });

  test("signed-out requests to org and user routes answer 401", async ({ baseURL }) => {
    const anon = await pwRequest.newContext({ baseURL });
    for (const [file, spec] of Object.entries(ROUTES)) {
      if (spec.kind !== "org" && spec.kind !== "user") continue;
      for (const method of Object.keys(spec.methods) as Method[]) {
        const res = await anon.fetch(urlFor(file, a.slug, spec.params?.(a) ?? {}), { method, data: spec.methods[method]?.body?.(a), maxRedirects: 0 });
        expect(res.status(), `${method} ${file} signed out`).toBe(401);
      }
    }
    await anon.dispose();
  });

  test("bad input answers 4xx naming the field and writes nothing", async () => {
    for (const [file, spec] of Object.entries(ROUTES)) {
      for (const [method, m] of Object.entries(spec.methods) as [Method, NonNullable<RouteSpec["methods"][Method]>][]) {
        if (!m.body) continue;
        const url = urlFor(file, a.slug, spec.params?.(a) ?? {});
        const before = await m.count?.(a);
        const where = `${method} ${file}`;

        const malformed = await a.ctx.fetch(url, { method, headers: { "content-type": "application/json" }, data: Buffer.from('{"name": "unterminated'), maxRedirects: 0 });
        expect(malformed.status(), `${where} malformed JSON`).toBe(400);
        expect(((await malformed.json()) as { error: { field: string } }).error.field).toBe("body");

        if (m.wrongType) {
          const wrong = await call(a, method, url, m.wrongType.body(a));
          expect(wrong.status(), `${where} wrong type`).toBe(422);
          expect(((await wrong.json()) as { error: { field: string } }).error.field, `${where} names the field`).toBe(m.wrongType.field);
        }

        const unknown = await call(a, method, url, { ...(m.body(a) as object), notAField: true });
        expect(unknown.status(), `${where} unknown field`).toBe(422);
        expect(((await unknown.json()) as { error: { field: string } }).error.field).toBe("notAField");

        const huge = await call(a, method, url, { ...(m.body(a) as object), padding: "x".repeat(1024 * 1024 + 10) });
        expect(huge.status(), `${where} oversized body`).toBe(413);

        if (m.count) expect(await m.count(a), `${where} wrote nothing`).toBe(before);
      }
    }
  });
});
