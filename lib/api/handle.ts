import "server-only";
import { NextResponse } from "next/server";
import type { BodyOut, Endpoint, PathParams, QueryOut, ResponseIn } from "@/lib/api/endpoint";
import { parseJson, parseQuery, route } from "@/lib/http";
import { assertSameOriginRequest } from "@/lib/net/csrf";
import { setRouteScope } from "@/lib/auth/api-key-header";
import { requiredScope } from "@/lib/auth/roles";
import { recordRequest } from "@/lib/observability/metrics";
import { contractAnswer } from "./answer";
import type { Reply } from "./reply";
export { reply, type Reply } from "./reply";

/**
 * A route handler bound to its contract (lib/<domain>/contracts.ts). It still reads like a table of
 * contents: authenticate, parse, one lib call, return. `query()` and `body()` parse with the
 * contract's schemas (422 naming the field) when the handler asks, i.e. after authentication and
 * rate limits. What it returns must have the contract's response type; it is passed through the
 * response schema (unknown keys dropped: DTOs only) and sent with the contract's status.
 *
 *   export const GET = handle(listRunsEndpoint, async ({ req, params, query }) => {
 *     const ctx = await requireOrg(req, params.org);
 *     return listRuns({ organizationId: ctx.organizationId, filters: query() });
 *   });
 */
type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type HandlerArgs<E extends Endpoint> = {
  req: Request;
  params: PathParams<E>;
  /** The query string parsed with the contract's query schema. */
  query: () => QueryOut<E>;
  /** The JSON body parsed with the contract's body schema (size limit, 400 malformed, 422 invalid). */
  body: () => Promise<BodyOut<E>>;
  requestId: string;
};

type Produced<E extends Endpoint> = E extends { produces: "redirect" | "raw" } ? Response : E extends { produces: "none" } ? void : ResponseIn<E> | Reply<ResponseIn<E>>;

export type BoundHandler<E extends Endpoint> = ((req: Request, ctx: RouteContext) => Promise<Response>) & { endpoint: E };

export function handle<const E extends Endpoint>(endpoint: E, fn: (args: HandlerArgs<E>) => Promise<Produced<E>>): BoundHandler<E> {
  const wrapped = route<RouteContext>(async (req, ctx) => {
    if (endpoint.access === "org" || endpoint.access === "user") assertSameOriginRequest(req, { json: Boolean(endpoint.body) && !endpoint.multipart });
    // The API key scope this route needs (ingest / read / write, or none for the human yes): the guard checks it.
    if (endpoint.access === "org" || endpoint.access === "apiKey") setRouteScope(req, requiredScope(endpoint));
    const raw = ctx.params ? await ctx.params : {};
    const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
    const query = () => (endpoint.query ? parseQuery(req, endpoint.query) : undefined);
    const body = async () => (endpoint.body && !endpoint.multipart ? parseJson(req, endpoint.body) : undefined);
    const out = await fn({ req, params, query, body, requestId: ctx.requestId } as HandlerArgs<E>);
    const produces = endpoint.produces ?? "json";
    if (produces === "redirect" || produces === "raw") return out as unknown as Response;
    if (produces === "none") return new Response(null, { status: endpoint.status ?? 204 });
    const { data, status, apply } = contractAnswer(endpoint, out);
    const res = NextResponse.json(data, { status });
    apply?.(res);
    return res;
  });
  // Every answer (errors included: route() turns them into responses) counts in /api/metrics, by the contract's path template.
  const observed = async (req: Request, ctx: RouteContext): Promise<Response> => {
    const started = performance.now();
    const res = await wrapped(req, ctx);
    recordRequest(endpoint.method, endpoint.path, res.status, (performance.now() - started) / 1000);
    return res;
  };
  return Object.assign(observed, { endpoint });
}
