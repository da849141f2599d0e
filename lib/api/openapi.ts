import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { errorBodySchema, type Access, type Endpoint } from "@/lib/api/endpoint";
import { namedEndpoints } from "@/lib/api/registry";
import { requiredScope } from "@/lib/auth/roles";

/**
 * The OpenAPI 3.1 document of the API, built from the endpoint contracts (lib/<domain>/contracts.ts)
 * with @asteasolutions/zod-to-openapi: the same zod schemas that parse requests and check answers.
 * Internal endpoints (next-auth, the Inngest serve endpoint, the executor's event API: protocols owned
 * by those libraries) are left out. Served at GET /api/openapi.json; read by the API reference page.
 */
export const API_VERSION = "1.0.0";

const SECURITY: Record<Exclude<Access, "internal">, RouteConfig["security"]> = {
  org: [{ session: [] }, { apiKey: [] }],
  user: [{ session: [] }],
  apiKey: [{ apiKey: [] }],
  public: [],
  signature: [],
};

const ERRORS = {
  badRequest: { description: "Malformed body (not JSON, not a form), or a missing one" },
  unauthorized: { description: "Not signed in, or no / an invalid API key" },
  forbidden: { description: "Your role may not do this" },
  notFound: { description: "No such resource in this organisation (another organisation's is a 404 too)" },
  validation: { description: "Invalid input: `field` names it, `issues` lists every problem" },
  rateLimited: { description: "Too many requests: wait Retry-After seconds" },
} as const;

const error = (description: string) => ({ description, content: { "application/json": { schema: errorBodySchema } } });

function pathParams(e: Endpoint): z.ZodObject | undefined {
  const names = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (!names.length) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, z.string().meta({ description: n === "org" ? "The organisation's slug" : undefined })])));
}

function successResponses(e: Endpoint): RouteConfig["responses"] {
  const produces = e.produces ?? "json";
  const statuses = [e.status ?? (produces === "none" ? 204 : 200), ...(e.alsoStatus ?? [])];
  return Object.fromEntries(
    statuses.map((status) => {
      if (produces === "none") return [status, { description: "Done (no body)" }];
      if (produces === "redirect") return [status, { description: "Redirect (Location header)" }];
      if (produces === "raw") return [status, { description: "The file or protocol answer", content: { [e.contentType ?? "application/octet-stream"]: { schema: z.string().meta({ format: "binary" }) } } }];
      return [status, { description: status >= 500 ? "Unavailable (same body)" : "OK", content: { "application/json": { schema: e.response! } } }];
    }),
  );
}

function errorResponses(e: Endpoint): RouteConfig["responses"] {
  const out: RouteConfig["responses"] = {};
  if (e.body || e.multipart || e.form) out[400] = error(ERRORS.badRequest.description);
  if (e.access === "org" || e.access === "user" || e.access === "apiKey" || e.access === "signature") out[401] = error(ERRORS.unauthorized.description);
  if (e.permission) out[403] = error(ERRORS.forbidden.description);
  if (e.access === "org" || e.path.includes("{")) out[404] = error(ERRORS.notFound.description);
  if (e.query || e.body || e.multipart || e.form) out[422] = error(ERRORS.validation.description);
  if (e.access === "public" || e.access === "apiKey") out[429] = error(ERRORS.rateLimited.description);
  out.default = error("Any other error (same body)");
  return out;
}

export function buildOpenApiDocument(opts: { serverUrl?: string } = {}) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "A signed-in session (the app's own pages)" });
  registry.registerComponent("securitySchemes", "apiKey", { type: "apiKey", in: "header", name: "X-API-Key", description: "An organisation API key (Settings → API keys); acts as an editor of that organisation only" });
  for (const { name, endpoint: e } of namedEndpoints) {
    if (e.access === "internal") continue;
    const content: Record<string, { schema: z.ZodType }> = {};
    if (e.body) content["application/json"] = { schema: e.body };
    if (e.multipart) content["multipart/form-data"] = { schema: e.multipart };
    if (e.form) content["application/x-www-form-urlencoded"] = { schema: e.form };
    registry.registerPath({
      operationId: name,
      method: e.method.toLowerCase() as RouteConfig["method"],
      path: e.path,
      tags: [e.tag],
      summary: e.summary,
      description: e.description,
      deprecated: e.deprecated,
      // A route no API key may call (HUMAN_ONLY permission, personOnly) takes a session only.
      security: e.access === "org" && requiredScope(e) === null ? SECURITY.user : SECURITY[e.access],
      ...(e.permission ? { "x-permission": e.permission } : {}),
      request: {
        params: pathParams(e),
        query: e.query as z.ZodObject | undefined,
        ...(Object.keys(content).length ? { body: { required: true, content } } : {}),
      },
      responses: { ...successResponses(e), ...errorResponses(e) },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "MarketingEngine API",
      version: API_VERSION,
      description:
        "Organisation endpoints live under /api/orgs/{org} (the organisation's slug) and accept a signed-in member or an API key of that organisation (X-API-Key). Errors are JSON {error: {code, message, field?, issues?, requestId}}; messages follow Accept-Language (fr, en).",
    },
    servers: opts.serverUrl ? [{ url: opts.serverUrl }] : undefined,
  });
}
