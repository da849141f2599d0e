import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signedInContext } from "./support/api";
import { allPageUrls, signInDemo } from "./support/pages";
import { ROUTES, type Method, type MethodSpec, type RouteSpec, type Tenant } from "./support/route-manifest";

/**
 * Issue 10 against the production build: every route handler file is enumerated from disk (a route
 * missing from the manifest fails tests/e2e/api-contract.spec.ts), every HTML page from
 * tests/e2e/support/pages.ts. Checks that need no fixtures (the refusals come before any lookup), so the
 * spec stays fast: ids are placeholders.
 */
const MUTATING: Method[] = ["POST", "PUT", "PATCH", "DELETE"];
const EVIL = "https://evil.example";

function routeFiles(dir = "app/api"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return name === "route.ts" ? [p.split(path.sep).join("/")] : [];
  });
}

function exported(file: string): Method[] {
  const src = readFileSync(file, "utf8");
  return (["GET", ...MUTATING] as Method[]).filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(src));
}

const placeholderIds = new Proxy({} as Record<string, string>, { get: () => "not-a-real-id" });

function urlFor(file: string, slug: string): string {
  return "/" + file.replace(/^app\//, "").replace(/\/route\.ts$/, "").replace("[org]", slug).replace(/\[\.{0,3}([^\]]+)\]/g, "not-a-real-id");
}

/** Every cookie-authenticated mutating method: org and user routes (session or, for org routes, an API key). */
function cookieMutations(t: Tenant): { where: string; url: string; method: Method; spec: MethodSpec }[] {
  const out: { where: string; url: string; method: Method; spec: MethodSpec }[] = [];
  for (const file of routeFiles()) {
    const route = ROUTES[file] as RouteSpec | undefined;
    if (!route || (route.kind !== "org" && route.kind !== "user")) continue;
    for (const method of exported(file).filter((m) => MUTATING.includes(m))) out.push({ where: `${method} ${file}`, url: urlFor(file, t.slug), method, spec: route.methods[method] ?? {} });
  }
  return out;
}

test.describe("security", () => {
  let demo: Tenant;
  let ctx: APIRequestContext;

  test.beforeAll(async ({ baseURL }) => {
    ctx = await signedInContext(baseURL!, { email: "demo@marketingengine.app", password: "demo-password" });
    demo = { ctx, slug: "demo", ids: placeholderIds };
  });
  test.afterAll(async () => {
    await ctx.dispose();
  });

  test("a foreign Origin is refused (403) on every cookie-authenticated mutating route, and so is a JSON route's non-JSON body", async () => {
    const routes = cookieMutations(demo);
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const body = r.spec.body?.(demo);
      const foreign = await ctx.fetch(r.url, { method: r.method, headers: { origin: EVIL }, ...(body !== undefined ? { data: body } : {}), maxRedirects: 0 });
      expect(foreign.status(), `${r.where} with Origin ${EVIL}`).toBe(403);
      if (body !== undefined && !r.where.includes("/media/") && !r.where.includes("content/inputs")) {
        const plain = await ctx.fetch(r.url, { method: r.method, headers: { "content-type": "text/plain" }, data: JSON.stringify(body), maxRedirects: 0 });
        expect(plain.status(), `${r.where} as text/plain`).toBe(403);
      }
    }
  });

  test("bad input is 4xx, never 5xx: NUL bytes (422 naming the field), 10-level and 10,000-level nesting, invalid dates", async () => {
    let deep10: unknown = "leaf";
    for (let i = 0; i < 10; i++) deep10 = { d: deep10 };
    const deep10k = `${'{"d":'.repeat(10_000)}"leaf"${"}".repeat(10_000)}`;
    for (const r of cookieMutations(demo)) {
      const body = r.spec.body?.(demo);
      if (!body || typeof body !== "object" || Array.isArray(body)) continue;
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
        if (typeof v !== "string") continue;
        const res = await ctx.fetch(r.url, { method: r.method, data: { ...(body as object), [k]: `${v}\u0000x` }, maxRedirects: 0 });
        // 422 naming the field; a handler that looks the (placeholder) resource up before parsing answers 404 first.
        expect([404, 422], `${r.where} NUL in ${k}`).toContain(res.status());
        if (res.status() === 422) expect(((await res.json()) as { error: { field?: string } }).error.field, `${r.where} names ${k}`).toBe(k);
      }
      const nested = await ctx.fetch(r.url, { method: r.method, data: { ...(body as object), nested: deep10 }, maxRedirects: 0 });
      expect(nested.status(), `${r.where} 10 levels`).toBeGreaterThanOrEqual(400);
      expect(nested.status(), `${r.where} 10 levels`).toBeLessThan(500);
      const deepest = await ctx.fetch(r.url, { method: r.method, headers: { "content-type": "application/json" }, data: Buffer.from(deep10k), maxRedirects: 0 });
      expect(deepest.status(), `${r.where} 10,000 levels`).toBeGreaterThanOrEqual(400);
      expect(deepest.status(), `${r.where} 10,000 levels`).toBeLessThan(500);
    }
    for (const q of ["from=294277-01-01T00:00:00Z", "to=0000-00-00", "from=2026-13-45T99:99:99Z", "status=%00"]) {
      const res = await ctx.get(`/api/orgs/demo/runs?${q}`);
      expect(res.status(), `runs filter ${q}`).toBeLessThan(500);
    }
  });

  test("sign-in never redirects off-site, whatever callbackUrl says", async ({ baseURL }) => {
    const own = new URL(baseURL!).origin;
    for (const payload of ["/\\evil.example", "/\\/evil.example", "/\t/evil.example", "/\n/evil.example", "//evil.example", "https://evil.example", "/%2F%2Fevil.example"]) {
      const res = await ctx.get(`/sign-in?callbackUrl=${encodeURIComponent(payload)}`, { maxRedirects: 0 });
      expect(res.status(), JSON.stringify(payload)).toBeLessThan(500);
      const location = res.headers()["location"];
      if (location) expect(new URL(location, own).origin, `${JSON.stringify(payload)} -> ${location}`).toBe(own);
    }
  });

  test("every HTML page of the production build carries the security headers, and every script its nonce", async ({ page, baseURL }) => {
    const check = async (url: string, get: (u: string) => ReturnType<APIRequestContext["get"]>) => {
      const res = await get(url);
      const h = res.headers();
      if (!(h["content-type"] ?? "").includes("text/html")) return false;
      const csp = h["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, `${url}: CSP with a nonce`).toBeTruthy();
      const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
      expect(scriptSrc, url).not.toContain("unsafe-inline");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(h["x-content-type-options"], url).toBe("nosniff");
      expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"], url).toContain("camera=()");
      expect(h["x-frame-options"], url).toBe("DENY");
      const html = await res.text();
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, `${url}: ${tag.slice(0, 80)}`).toContain(`nonce="${nonce}"`);
      return true;
    };
    const anonymous = ["/sign-in", "/sign-up", "/approve/not-a-real-approval-token", "/no-such-page"];
    let html = 0;
    for (const url of anonymous) if (await check(url, (u) => page.request.get(u, { maxRedirects: 0 }))) html++;
    await signInDemo(page);
    for (const { url } of await allPageUrls(page)) if (await check(url, (u) => page.request.get(u, { maxRedirects: 0 }))) html++;
    expect(html).toBeGreaterThan(20);
    // And the scripts run: the signed-in shell hydrates under the policy (a blocked script would leave it inert).
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${baseURL}/demo/war-room`);
    await expect(page.locator("main").first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
