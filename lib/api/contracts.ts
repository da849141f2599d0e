import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";

/** The API's own description. */
export const getOpenApiEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/openapi.json",
  tag: "System",
  access: "public",
  summary: "This API's OpenAPI 3.1 document (every public and tenant endpoint, built from the contracts)",
  response: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) }).meta({ description: "An OpenAPI 3.1 document" }),
});
