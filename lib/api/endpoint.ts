import { z } from "zod";

/**
 * One contract per endpoint: method, path, who may call it, the zod schemas of its query, body and
 * response. The route handler parses with it (lib/api/handle.ts), the browser calls it through
 * lib/api/client.ts (types inferred from the same schemas, no codegen), and the OpenAPI document
 * (lib/api/openapi.ts) is built from it. This module imports only zod: components may import it.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call it:
 *  - "org": a member of the organisation in the path (session) or one of its API keys (X-API-Key);
 *  - "user": a signed-in person, no organisation; "apiKey": an organisation API key only;
 *  - "public": anyone (rate limited where it matters); "signature": proved by a signature or a
 *    single-use token in the request; "internal": the app's own machinery (not in the public document).
 */
export type Access = "org" | "user" | "apiKey" | "public" | "signature" | "internal";

/**
 * What a successful answer carries: JSON (validated with `response`), nothing (204), a redirect, or a
 * Response the handler builds itself ("raw": file bytes, or a protocol owned by a library such as
 * next-auth or the Inngest SDK; `contentType` says what).
 */
export type Produces = "json" | "none" | "redirect" | "raw";

export type EndpointDef = {
  method: HttpMethod;
  /** OpenAPI style: /api/orgs/{org}/runs/{runId}. A catch-all segment ([...key]) is one {key}. */
  path: string;
  summary: string;
  description?: string;
  /** Groups in the API reference (one per domain). */
  tag: string;
  access: Access;
  /** The role permission checked (lib/auth/roles.ts), for the reference page. */
  permission?: string;
  /**
   * Only a person signed in, never an API key whatever its scopes (e.g. marking one's own notifications
   * read: they belong to a person). The route wrapper declares no key scope (requiredScope -> null).
   */
  personOnly?: boolean;
  query?: z.ZodType;
  /** A JSON body, parsed and validated before the handler runs. */
  body?: z.ZodType;
  /** A multipart/form-data body (documented fields; the use case streams and checks it itself). */
  multipart?: z.ZodType;
  /** A form-encoded body read raw by the use case (e.g. signed Slack payloads). */
  form?: z.ZodType;
  produces?: Produces;
  /** For produces "raw": the media type of the answer, for the document. */
  contentType?: string;
  /** The JSON answer (required when produces is "json"). */
  response?: z.ZodType;
  /** The success status (default 200; 204 for produces "none"). */
  status?: number;
  /** Other success statuses with the same body (e.g. 200 for a repeated Idempotency-Key). */
  alsoStatus?: readonly number[];
  deprecated?: boolean;
};

export type Endpoint = EndpointDef & { readonly __endpoint: true };

/** Declares an endpoint; `const` keeps the literal path and method for the types below. */
export function defineEndpoint<const D extends EndpointDef>(def: D): D & { readonly __endpoint: true } {
  if ((def.produces ?? "json") === "json" && !def.response) throw new Error(`${def.method} ${def.path}: a JSON endpoint needs a response schema`);
  return { ...def, __endpoint: true } as D & { readonly __endpoint: true };
}

export function isEndpoint(v: unknown): v is Endpoint {
  return typeof v === "object" && v !== null && (v as { __endpoint?: unknown }).__endpoint === true;
}

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;

/** `{ org: string; runId: string }` for "/api/orgs/{org}/runs/{runId}". */
export type PathParams<E extends EndpointDef> = { [K in ParamNames<E["path"]>]: string };

type Schema<E, K extends keyof EndpointDef> = E extends { [P in K]: infer S extends z.ZodType } ? S : never;

export type QueryIn<E extends EndpointDef> = [Schema<E, "query">] extends [never] ? undefined : z.input<Schema<E, "query">>;
export type QueryOut<E extends EndpointDef> = [Schema<E, "query">] extends [never] ? undefined : z.output<Schema<E, "query">>;
export type BodyIn<E extends EndpointDef> = [Schema<E, "body">] extends [never] ? ([Schema<E, "multipart">] extends [never] ? undefined : FormData) : z.input<Schema<E, "body">> | ([Schema<E, "multipart">] extends [never] ? never : FormData);
/** The parsed JSON body the handler receives (a body that may also come as multipart is parsed by the use case). */
export type BodyOut<E extends EndpointDef> = [Schema<E, "body">] extends [never] ? undefined : [Schema<E, "multipart">] extends [never] ? z.output<Schema<E, "body">> : undefined;

/** What the server hands over (before the response schema strips unknown keys). */
export type ResponseIn<E extends EndpointDef> = [Schema<E, "response">] extends [never] ? void : z.input<Schema<E, "response">>;
/** What the browser receives. */
export type ResponseOut<E extends EndpointDef> = [Schema<E, "response">] extends [never] ? void : z.output<Schema<E, "response">>;

/** `/api/orgs/{org}/runs/{runId}` -> `/api/orgs/acme/runs/r_1` (each value URL-encoded; a catch-all keeps its slashes). */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`${path}: missing path parameter "${name}"`);
    return v.split("/").map(encodeURIComponent).join("/");
  });
}

/** The error body every endpoint answers with on 4xx/5xx (lib/http.ts errorResponse). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "bad_request, validation, unauthorized, forbidden, not_found, conflict, payload_too_large, unsupported_media_type, rate_limited, quota_exceeded, upstream, unavailable, internal" }),
      message: z.string().meta({ description: "In the reader's language (Accept-Language, or the signed-in user's)" }),
      field: z.string().optional().meta({ description: "The input field at fault (body.field, query.field, or a header name)" }),
      issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });

/** ISO 8601 timestamps as they travel in JSON. */
export const isoDateTime = () => z.iso.datetime({ offset: true });
