import { compileErrors, validate } from "@readme/openapi-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { endpoints } from "@/lib/api/registry";
import { requiredScope } from "@/lib/auth/roles";

/**
 * GET /api/openapi.json: a valid OpenAPI 3.1 document (checked by @readme/openapi-parser) listing every
 * non-internal contract. In the integration project: compiling the OpenAPI 3.1 meta-schema takes seconds.
 */
const doc = buildOpenApiDocument({ serverUrl: "http://localhost" }) as unknown as OpenAPIV3_1.Document;

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1 (schema and spec rules: path parameters declared, unique operationIds…)", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("the validator is not a formality: a path parameter left undeclared is an error", async () => {
    const broken = structuredClone(doc) as OpenAPIV3_1.Document;
    delete broken.paths!["/api/orgs/{org}/runs"]!.get!.parameters;
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it("is served at GET /api/openapi.json with this server as its server URL", async () => {
    const { GET } = await import("@/app/api/openapi.json/route");
    const res = await GET(new Request("http://app.test/api/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const served = (await res.json()) as OpenAPIV3_1.Document;
    expect(served.servers).toEqual([{ url: "http://app.test" }]);
    expect(Object.keys(served.paths ?? {}).sort()).toEqual(Object.keys(doc.paths ?? {}).sort());
    expect((await validate(served as never)).valid).toBe(true);
  });

  it("lists every public and tenant endpoint with its request and response schemas", () => {
    const listed = endpoints.filter((e) => e.access !== "internal");
    expect(listed.length).toBeGreaterThan(35);
    for (const e of listed) {
      const op = doc.paths?.[e.path]?.[e.method.toLowerCase() as OpenAPIV3_1.HttpMethods];
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      const success = Object.entries(op!.responses ?? {}).find(([status]) => status.startsWith("2") || status.startsWith("3"));
      expect(success, `${e.method} ${e.path}: a success response`).toBeDefined();
      if ((e.produces ?? "json") === "json") {
        const schema = (success![1] as OpenAPIV3_1.ResponseObject).content?.["application/json"]?.schema;
        expect(schema, `${e.method} ${e.path}: response schema`).toBeDefined();
      }
      if (e.body || e.multipart || e.form) expect((op!.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content, `${e.method} ${e.path}: request body`).toBeDefined();
      if (e.query) expect(op!.parameters?.some((p) => (p as OpenAPIV3_1.ParameterObject).in === "query"), `${e.method} ${e.path}: query parameters`).toBe(true);
      // A route no API key may call (a person's decision: requiredScope null) documents the session only.
      if (e.access === "org") expect(op!.security, `${e.method} ${e.path}`).toEqual(requiredScope(e) === null ? [{ session: [] }] : [{ session: [] }, { apiKey: [] }]);
    }
  });

  it("leaves out the library-owned internal protocols and marks the old webhook deprecated", () => {
    expect(doc.paths?.["/api/inngest"]).toBeUndefined();
    expect(doc.paths?.["/api/auth/{nextauth}"]).toBeUndefined();
    expect(doc.paths?.["/api/webhooks/mkt-101"]?.post?.deprecated).toBe(true);
    expect(doc.paths?.["/api/webhooks/ideas"]?.post?.requestBody).toBeDefined();
  });

  it("the DTOs are shared components", () => {
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(["Publication", "ApprovalListItem", "RunDetail", "Error"]));
  });
});
