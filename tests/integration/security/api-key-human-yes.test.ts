import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { endpoints } from "@/lib/api/registry";
import { requireOrg } from "@/lib/auth/guard";
import { HUMAN_ONLY, POLICY, requiredScope, type ApiKeyScope, type Permission } from "@/lib/auth/roles";
import { signUp } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";

/**
 * Issue 10, row 7: an organisation API key (made for idea ingestion) could approve content, bypassing
 * the human yes. Keys now have scopes (ingest, read, write), the route wrapper declares the scope each
 * route needs, and no scope reaches an approval, spend or decision route.
 */
let t: TestDatabase;
let slug: string;
let orgId: string;
const keys = {} as Record<"ingest" | "read" | "write" | "all", string>;

beforeAll(async () => {
  t = await createTestDatabase();
  const user = await signUp({ name: "Owner", email: "owner@example.test", password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: "Keyed SARL" } });
  slug = org.slug;
  orgId = org.id;
  for (const [name, scopes] of [["ingest", ["ingest"]], ["read", ["read"]], ["write", ["write"]], ["all", ["ingest", "read", "write"]]] as const) {
    keys[name] = (await createApiKey({ organizationId: org.id, name, scopes: [...scopes] as ApiKeyScope[] })).key;
  }
});
afterAll(async () => {
  await t.cleanup();
});

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "allowed";
  } catch (err) {
    return err instanceof AppError ? `${err.code}:${err.key}` : `unexpected ${(err as Error).message}`;
  }
}

type RouteModule = Record<string, (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;

/** The route handler module of a contract path (/api/orgs/{org}/runs/{runId} -> app/api/orgs/[org]/runs/[runId]/route.ts). */
async function routeOf(contractPath: string): Promise<RouteModule> {
  const file = `${contractPath.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  return (await import(/* @vite-ignore */ path.join(process.cwd(), "app", file))) as RouteModule;
}

async function call(method: string, contractPath: string, key: string, body?: unknown): Promise<{ status: number; key?: string; message?: string }> {
  const params: Record<string, string> = {};
  const url = contractPath.replace(/\{(\w+)\}/g, (_, n: string) => (params[n] = n === "org" ? slug : "not-a-real-id"));
  const mod = await routeOf(contractPath);
  const req = new Request(`http://localhost${url}`, { method, headers: { "x-api-key": key, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
  const res = await mod[method]!(req, { params: Promise.resolve(params) });
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return { status: res.status, message: json.error?.message };
}

describe("API key scopes and the human yes", () => {
  it("the issue's request: POST …/approvals/<id>/decision with X-API-Key is refused before any lookup, whatever the key's scopes", async () => {
    for (const k of Object.values(keys)) {
      const res = await call("POST", "/api/orgs/{org}/approvals/{id}/decision", k, { decision: "APPROVE" });
      expect(res.status).toBe(403);
    }
  });

  it("every approval, spend, decision and settings route (HUMAN_ONLY permission) refuses every key: 403", async () => {
    const human = endpoints.filter((e) => e.access === "org" && requiredScope(e) === null);
    expect(human.map((e) => `${e.method} ${e.path}`)).toEqual(expect.arrayContaining(["POST /api/orgs/{org}/approvals/{id}/decision", "POST /api/orgs/{org}/approvals/bulk", "POST /api/orgs/{org}/campaigns/{id}/launch"]));
    for (const e of human) {
      // Either the permission itself is human-only, or the route is a person's own (personOnly: the bell).
      if (!e.personOnly) expect(HUMAN_ONLY as readonly string[], `${e.method} ${e.path} declares a human-only permission`).toContain(e.permission);
      const res = await call(e.method, e.path, keys.all, e.method === "GET" || e.method === "DELETE" ? undefined : {});
      expect(res.status, `${e.method} ${e.path}`).toBe(403);
    }
  });

  it("each route checks the scope its contract implies: ingest for webhooks, read for GET, write for the rest", async () => {
    const runs = "/api/orgs/{org}/runs";
    expect((await call("GET", runs, keys.ingest)).status).toBe(403);
    expect((await call("GET", runs, keys.read)).status).toBe(200);
    expect((await call("GET", runs, keys.write)).status).toBe(200);
    // A mutating route: the scope is checked before the (placeholder) publication is looked up.
    const pub = "/api/orgs/{org}/publications/{id}/cancel";
    expect((await call("POST", pub, keys.ingest)).status).toBe(403);
    const readOnly = await call("POST", pub, keys.read);
    expect(readOnly.status).toBe(403);
    expect(readOnly.message).toContain("écriture");
    // A write key passes the scope check: what answers next is the handler's own (body or placeholder id).
    expect([400, 404, 422]).toContain((await call("POST", pub, keys.write)).status);
    // The ingestion webhook: ingest only (a read or write key is refused; an empty body then fails validation).
    expect((await call("POST", "/api/webhooks/ideas", keys.read, {})).status).toBe(403);
    expect((await call("POST", "/api/webhooks/ideas", keys.write, {})).status).toBe(403);
    expect((await call("POST", "/api/webhooks/ideas", keys.ingest, {})).status).toBe(422);
  });

  it("the guard alone (pages, server actions): the permission decides; HUMAN_ONLY is never a key's", async () => {
    const get = (k: string) => new Request("http://localhost/api", { headers: { "x-api-key": k } });
    const post = (k: string) => new Request("http://localhost/api", { method: "POST", headers: { "x-api-key": k } });
    for (const permission of Object.keys(POLICY) as Permission[]) {
      if (!HUMAN_ONLY.includes(permission)) continue;
      expect(await outcome(requireOrg(post(keys.all), slug, permission)), permission).toBe("forbidden:auth.humanOnly");
    }
    expect(await outcome(requireOrg(get(keys.read), slug, "read"))).toBe("allowed");
    expect(await outcome(requireOrg(get(keys.ingest), slug, "read"))).toBe("forbidden:auth.apiKeyScope");
    expect(await outcome(requireOrg(post(keys.read), slug, "read"))).toBe("forbidden:auth.apiKeyScope");
    expect(await outcome(requireOrg(post(keys.write), slug, "editContent"))).toBe("allowed");
  });

  it("keys made before scopes existed become ingest keys (the migration)", async () => {
    await t.db.apiKey.create({ data: { organizationId: orgId, name: "legacy", prefix: "0000beef", keyHash: "legacy-hash", scopes: [] } });
    const dir = readdirSync(path.join("prisma", "migrations")).find((d) => d.endsWith("_api_key_scopes"))!;
    const sql = readFileSync(path.join("prisma", "migrations", dir, "migration.sql"), "utf8");
    for (const statement of sql.split(";").map((s) => s.replace(/--.*$/gm, "").trim()).filter(Boolean)) await t.db.$executeRawUnsafe(statement);
    expect((await t.db.apiKey.findFirstOrThrow({ where: { prefix: "0000beef" } })).scopes).toEqual(["ingest"]);
    expect((await t.db.apiKey.findFirstOrThrow({ where: { name: "write" } })).scopes).toEqual(["write"]);
  });
});
