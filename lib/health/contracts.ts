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
    /** Each platform this instance called, by its circuit breaker: "open" = calls paused after repeated failures (degraded). */
    connectors: z.record(z.string(), z.enum(["closed", "open", "half_open"])),
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

/**
 * POST /api/bench/noop: the HTTP baseline of the receiver benchmarks (`npm run bench:leads`): the same
 * production build, proxy and `handle()` wrapper, a JSON body read, no auth, no database. 404 unless the
 * server runs with BENCH_NOOP_ROUTE=1.
 */
export const benchNoopEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/bench/noop",
  tag: "System",
  access: "internal",
  summary: "Benchmark baseline: read a JSON body and answer 202 (BENCH_NOOP_ROUTE=1 only)",
  body: z.record(z.string(), z.unknown()),
  produces: "raw",
  contentType: "application/json",
});

/**
 * GET /api/metrics: Prometheus metrics of the instance that answers (lib/observability/metrics.ts),
 * for the operator's scraper: `Authorization: Bearer <METRICS_TOKEN>`. 404 while METRICS_TOKEN is not
 * set, 401 with another token.
 */
export const getMetricsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/metrics",
  tag: "System",
  access: "internal",
  summary: "Prometheus metrics of this instance (Authorization: Bearer METRICS_TOKEN)",
  produces: "raw",
  contentType: "text/plain; version=0.0.4",
  alsoStatus: [401, 404],
});
