import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";

/**
 * Workflow runs (the Runs and Events pages): endpoints, filters and DTOs, shared by the server and
 * the pages' client components (no server imports here).
 */
export const RUN_STATUSES = ["QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"] as const;
export type RunStatusDto = (typeof RUN_STATUSES)[number];

export const runFiltersSchema = z.object({
  function: z.string().max(200).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  from: z.coerce.date<string | Date>().optional(),
  to: z.coerce.date<string | Date>().optional(),
  cursor: z.string().max(40).optional(),
});
export type RunFilters = z.infer<typeof runFiltersSchema>;

export const eventFiltersSchema = z.object({ name: z.string().max(256).optional(), cursor: z.string().max(40).optional() });
export type EventFilters = z.infer<typeof eventFiltersSchema>;

const errorShape = z.object({ name: z.string().optional(), message: z.string().optional(), stack: z.string().optional() });

export const runListItemDto = z
  .object({
    id: z.string(),
    functionId: z.string(),
    functionName: z.string(),
    status: z.enum(RUN_STATUSES),
    eventName: z.string(),
    createdAt: isoDateTime(),
    startedAt: isoDateTime().nullable(),
    endedAt: isoDateTime().nullable(),
    durationMs: z.number().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: "RunListItem" });
export type RunListItem = z.infer<typeof runListItemDto>;

export const runStepDto = z
  .object({
    hashedId: z.string(),
    stepId: z.string().nullable(),
    name: z.string().nullable(),
    op: z.string(),
    status: z.string(),
    input: z.unknown(),
    output: z.unknown(),
    error: errorShape.nullable(),
    retries: z.array(z.object({ attempt: z.number().int(), at: isoDateTime(), error: errorShape.omit({ stack: true }) })),
    attempts: z.number().int(),
    startedAt: isoDateTime().nullable(),
    endedAt: isoDateTime().nullable(),
    durationMs: z.number().nullable(),
  })
  .meta({ id: "RunStep" });
export type RunStepDto = z.infer<typeof runStepDto>;

export const runDetailDto = runListItemDto
  .extend({
    event: z.unknown(),
    /** batchEvents: every event of the batch, `event` being the first; null for a run of one event. */
    events: z.array(z.unknown()).nullable(),
    eventId: z.string().nullable(),
    output: z.unknown(),
    errorDetail: errorShape.nullable(),
    attempt: z.number().int(),
    cancelReason: z.string().nullable(),
    parentRunId: z.string().nullable(),
    rerunOfId: z.string().nullable(),
    children: z.array(z.object({ id: z.string(), functionId: z.string(), status: z.enum(RUN_STATUSES) })),
    steps: z.array(runStepDto),
    canCancel: z.boolean(),
    canRerun: z.boolean(),
  })
  .meta({ id: "RunDetail" });
export type RunDetail = z.infer<typeof runDetailDto>;

export const eventListItemDto = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    name: z.string(),
    data: z.unknown(),
    ts: isoDateTime(),
    receivedAt: isoDateTime(),
    runIds: z.array(z.string()),
    processed: z.boolean(),
  })
  .meta({ id: "EventListItem" });
export type EventListItem = z.infer<typeof eventListItemDto>;

export const pingSchema = z.object({ message: z.string().trim().max(200).optional() }).strict();

const tag = "Workflows";

export const listRunsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/runs",
  tag,
  access: "org",
  summary: "The organisation's workflow runs, newest first (50 per page; nextCursor for the next)",
  query: runFiltersSchema,
  response: z.object({ runs: z.array(runListItemDto), nextCursor: z.string().nullable() }),
});

export const getRunEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/runs/{runId}",
  tag,
  access: "org",
  summary: "One run: its event, steps (input, output, duration, errors, retries), output or error",
  response: z.object({ run: runDetailDto }),
});

export const cancelRunEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/runs/{runId}/cancel",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Cancel an active run (409 when it has already ended)",
  response: z.object({ ok: z.literal(true) }),
});

export const rerunRunEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/runs/{runId}/rerun",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Re-run an ended run with the same event",
  response: z.object({ runId: z.string() }),
  status: 201,
});

export const pingEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/runs/ping",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Start a ping run (checks that the workflow engine runs functions)",
  body: pingSchema,
  response: z.object({ eventIds: z.array(z.string()) }),
  status: 202,
});

const serve = {
  path: "/api/inngest",
  tag,
  access: "internal",
  produces: "raw",
  contentType: "application/json",
  description: "The Inngest serve endpoint (the SDK's protocol): only the embedded executor (bearer token) or Inngest (signed requests) may call it.",
} as const;

export const inngestIntrospectEndpoint = defineEndpoint({ ...serve, method: "GET", summary: "Inngest: introspection" });
export const inngestCallEndpoint = defineEndpoint({ ...serve, method: "POST", summary: "Inngest: run a function step" });
export const inngestSyncEndpoint = defineEndpoint({ ...serve, method: "PUT", summary: "Inngest: register the app's functions" });

export const eventApiEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/runtime/e/{key}",
  tag,
  access: "internal",
  produces: "raw",
  contentType: "application/json",
  summary: "The embedded executor's event API (what inngest.send() posts to without an Inngest server)",
  description: "Inngest's event API protocol; only the app's event key is accepted.",
});
