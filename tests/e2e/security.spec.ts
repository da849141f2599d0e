import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as pwRequest, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { newTenant, signedInContext } from "./support/api";
import { allPageUrls, signInDemo } from "./support/pages";
import { ROUTES, type Method, type MethodSpec, type RouteSpec, type Tenant } from "./support/route-manifest";
import { e2eDb } from "./support/slot";

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

/** The route-by-route table of docs/SECURITY.md (generated from the contracts: scripts/policy-table.ts). */
type MatrixRow = { method: Method; path: string; allowed: Record<string, boolean> };
function securityDocMatrix(): { actors: string[]; rows: MatrixRow[] } {
  const doc = readFileSync("docs/SECURITY.md", "utf8");
  const section = doc.slice(doc.indexOf("### Route by route"));
  const lines = section.split("\n").filter((l) => l.startsWith("|"));
  const cells = (l: string) => l.split("|").slice(1, -1).map((c) => c.trim());
  const actors = cells(lines[0]!).slice(2);
  const rows = lines.slice(2).map((l) => {
    const [route, , ...yesNo] = cells(l);
    const [method, path] = route!.replaceAll("`", "").split(" ") as [Method, string];
    return { method, path, allowed: Object.fromEntries(actors.map((a, i) => [a, yesNo[i] === "yes"])) };
  });
  return { actors, rows };
}

/** A member of `slug` with `role`: a new person signed up through the API, made a member in the database (no invitation round trip). */
async function memberWithRole(baseURL: string, slug: string, role: "ADMIN" | "EDITOR" | "VIEWER"): Promise<APIRequestContext> {
  const email = `${role.toLowerCase()}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const password = "correct horse battery";
  const anon = await pwRequest.newContext({ baseURL });
  const up = await anon.post("/api/sign-up", { data: { name: role, email, password } });
  if (up.status() !== 201) throw new Error(`sign-up failed: ${up.status()} ${await up.text()}`);
  await anon.dispose();
  const { url } = e2eDb();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(
      `INSERT INTO memberships (id, "organizationId", "userId", role) SELECT $1, o.id, u.id, $2::"Role" FROM organizations o, users u WHERE o.slug = $3 AND u.email = $4`,
      [`m-${email}`, role, slug, email],
    );
    if (res.rowCount !== 1) throw new Error(`no membership made for ${email} in ${slug}`);
  } finally {
    await client.end();
  }
  return signedInContext(baseURL, { email, password });
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

  test("the role matrix of docs/SECURITY.md holds on every state-changing organisation route: owner, admin, editor, viewer, a key of each scope", async ({ baseURL }) => {
    const { actors, rows } = securityDocMatrix();
    // The table covers every mutating method of every organisation route file on disk.
    const onDisk = cookieMutations({ ctx, slug: "{org}", ids: placeholderIds }).filter((r) => r.url.startsWith("/api/orgs/{org}"));
    expect(rows.length).toBe(onDisk.length);
    expect(actors).toEqual(["Owner", "Admin", "Editor", "Viewer", "Key `ingest`", "Key `read`", "Key `write`"]);
    const owner = await newTenant(baseURL!, "roles");
    const as: Record<string, { ctx: APIRequestContext; headers: Record<string, string> }> = { Owner: { ctx: owner.ctx, headers: {} } };
    for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) as[role[0] + role.slice(1).toLowerCase()] = { ctx: await memberWithRole(baseURL!, owner.slug, role), headers: {} };
    const anon = await pwRequest.newContext({ baseURL });
    for (const scope of ["ingest", "read", "write"]) {
      const made = await owner.ctx.post(`/api/orgs/${owner.slug}/api-keys`, { data: { name: `matrix ${scope}`, scopes: [scope] } });
      expect(made.status(), `key ${scope}`).toBe(201);
      as[`Key \`${scope}\``] = { ctx: anon, headers: { "x-api-key": ((await made.json()) as { key: string }).key } };
    }
    // Ids are placeholders and the body has an unknown field: whoever may call the route gets past the
    // guard and is then refused by the lookup (404) or the parser (422, 415), so nothing is changed; whoever
    // may not gets 403 from the guard.
    const failures: string[] = [];
    for (const row of rows) {
      const url = row.path.replace("{org}", owner.slug).replace(/\{[^}]+\}/g, "not-a-real-id");
      for (const actor of actors) {
        const who = as[actor]!;
        const res = await who.ctx.fetch(url, { method: row.method, headers: who.headers, data: { notAField: true }, maxRedirects: 0 });
        const status = res.status();
        const ok = row.allowed[actor] ? status !== 401 && status !== 403 && status < 500 : status === 403;
        if (!ok) failures.push(`${row.method} ${row.path} as ${actor}: ${status} (docs/SECURITY.md says ${row.allowed[actor] ? "yes" : "no"}) ${(await res.text()).slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    for (const actor of ["Admin", "Editor", "Viewer"]) await as[actor]!.ctx.dispose();
    await anon.dispose();
  });

  test("a password change needs the current password and 10+ characters, is rate limited, ends the other sessions and keeps this one (390 px)", async ({ browser, baseURL }) => {
    const me = await newTenant(baseURL!, "password");
    const elsewhere = await signedInContext(baseURL!, { email: me.email, password: me.password });
    const field = async (res: Awaited<ReturnType<APIRequestContext["post"]>>) => ((await res.json()) as { error: { field?: string } }).error.field;
    const wrong = await me.ctx.post("/api/account/password", { data: { currentPassword: "not my password", newPassword: "a brand new password" } });
    expect(wrong.status()).toBe(422);
    expect(await field(wrong)).toBe("currentPassword");
    const short = await me.ctx.post("/api/account/password", { data: { currentPassword: me.password, newPassword: "short" } });
    expect(short.status()).toBe(422);
    expect(await field(short)).toBe("newPassword");

    const context = await browser.newContext({ storageState: await me.ctx.storageState(), viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseURL}/${me.slug}/settings`);
    const form = page.getByTestId("change-password");
    await form.locator("#current-password").fill(me.password);
    await form.locator("#new-password").fill("a brand new password");
    await form.locator("#confirm-password").fill("a brand new password");
    await expect(form.getByRole("button", { name: "Changer le mot de passe" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await form.getByRole("button", { name: "Changer le mot de passe" }).click();
    await expect(page.getByTestId("password-changed")).toHaveText("Mot de passe changé. Vos autres sessions sont fermées.");
    // This browser stays signed in (its cookie was re-issued); the other session is over; the new password works.
    const here = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
    expect(here?.user?.email).toBe(me.email);
    const there = (await (await elsewhere.get("/api/auth/session")).json()) as { user?: unknown } | null;
    expect(there?.user).toBeUndefined();
    await (await signedInContext(baseURL!, { email: me.email, password: "a brand new password" })).dispose();
    // 5 tries per 15 minutes per person (two made above): the sixth is 429 with Retry-After.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await page.request.post("/api/account/password", { headers: { origin: new URL(baseURL!).origin }, data: { currentPassword: "guess", newPassword: "a brand new password" } })).status());
    expect(statuses).toEqual([422, 422, 422, 429]);
    await context.close();
    await elsewhere.dispose();
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
    // Every page of the app, one after the other: more than the default minute on a loaded machine (not a timed assertion).
    test.setTimeout(300_000);
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
