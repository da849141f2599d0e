import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { handle, reply } from "@/lib/api/handle";
import { endpointUrl } from "@/lib/api/client";

const echo = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/things/{id}",
  tag: "Test",
  access: "org",
  summary: "echo",
  query: z.object({ take: z.coerce.number().int().max(10).optional() }).strict(),
  body: z.object({ name: z.string().min(1) }).strict(),
  response: z.object({ org: z.string(), id: z.string(), name: z.string(), take: z.number().nullable() }),
  status: 201,
  alsoStatus: [200],
});
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const post = (url: string, body: unknown) => new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("handle(): a route bound to its contract", () => {
  const route = handle(echo, async ({ params, query, body }) => {
    const q = query();
    const input = await body();
    // Unknown keys in the answer are dropped by the response schema (DTOs only).
    return { ...params, name: input.name, take: q.take ?? null, secret: "never sent" } as { org: string; id: string; name: string; take: number | null };
  });

  it("parses params, query and body with the contract and answers with its status", async () => {
    const res = await route(post("http://t/api/orgs/acme/things/t1?take=3", { name: "x" }), ctx({ org: "acme", id: "t1" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ org: "acme", id: "t1", name: "x", take: 3 });
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("422 naming the field for a bad body or query, 400 for malformed JSON", async () => {
    const bad = await route(post("http://t/api/orgs/acme/things/t1", { name: "" }), ctx({ org: "acme", id: "t1" }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.field).toBe("name");
    const unknown = await route(post("http://t/api/orgs/acme/things/t1", { name: "x", extra: 1 }), ctx({ org: "acme", id: "t1" }));
    expect((await unknown.json()).error.field).toBe("extra");
    const query = await route(post("http://t/api/orgs/acme/things/t1?take=99", { name: "x" }), ctx({ org: "acme", id: "t1" }));
    expect(query.status).toBe(422);
    expect((await query.json()).error.field).toBe("query.take");
    const malformed = await route(new Request("http://t/x", { method: "POST", body: "{" }), ctx({ org: "acme", id: "t1" }));
    expect(malformed.status).toBe(400);
  });

  it("a status the contract does not declare, or an answer that breaks the schema, is a 500", async () => {
    const undeclared = handle(echo, async () => reply({ org: "a", id: "b", name: "c", take: null }, { status: 202 }));
    expect((await undeclared(post("http://t/x", { name: "x" }), ctx({ org: "a", id: "b" }))).status).toBe(500);
    const wrong = handle(echo, async () => ({ org: "a", id: "b", name: 3, take: null }) as unknown as { org: string; id: string; name: string; take: null });
    expect((await wrong(post("http://t/x", { name: "x" }), ctx({ org: "a", id: "b" }))).status).toBe(500);
    const other = handle(echo, async () => reply({ org: "a", id: "b", name: "c", take: null }, { status: 200, apply: (r) => r.headers.set("x-extra", "1") }));
    const ok = await other(post("http://t/x", { name: "x" }), ctx({ org: "a", id: "b" }));
    expect([ok.status, ok.headers.get("x-extra")]).toEqual([200, "1"]);
  });

  it("the handler is tagged with its contract; the client builds URLs from it", () => {
    expect(route.endpoint).toBe(echo);
    expect(endpointUrl(echo, { params: { org: "a b", id: "t/1" }, query: { take: 2, skip: undefined } })).toBe("/api/orgs/a%20b/things/t/1?take=2");
  });
});
