import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";

/** GET /api/health: what is up, and in which mode (embedded or configured). */

const status = z.enum(["ok", "degraded", "down"]);
const component = { status, detail: z.string().optional() };

export const healthDto = z
  .object({
    status,
    version: z.string(),
    database: z.object({ ...component, mode: z.enum(["embedded", "external"]) }),
    migrations: z.object({ ...component, applied: z.number().int(), pending: z.array(z.string()) }),
    workflowEngine: z.object({ ...component, mode: z.enum(["embedded", "inngest-dev", "inngest-cloud"]) }),
    providers: z.record(z.string(), z.enum(["embedded", "configured"])),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof healthDto>;
export type ComponentHealth = { status: Health["status"]; detail?: string };

export const getHealthEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/health",
  tag: "System",
  access: "public",
  summary: "Health of the database, migrations and workflow engine; 503 when down",
  response: healthDto,
  alsoStatus: [503],
});
