import { getOpenApiEndpoint } from "@/lib/api/contracts";
import { handle } from "@/lib/api/handle";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { ResponseIn } from "@/lib/api/endpoint";

/** The OpenAPI 3.1 document, built from the same contracts the handlers parse with. */
export const GET = handle(getOpenApiEndpoint, async ({ req }) => {
  // The generator's OpenAPIObject is an interface (no index signature): the contract's loose object checks its shape.
  return buildOpenApiDocument({ serverUrl: new URL(req.url).origin }) as unknown as ResponseIn<typeof getOpenApiEndpoint>;
});
