import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { LIVE_EVENT_TYPES } from "./types";

const tag = "Live";

/** An event id of the live log (a positive integer, as a string). */
export const liveEventIdSchema = z.string().regex(/^\d{1,18}$/, "validation.invalidFormat");

export const liveStreamEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/stream",
  tag,
  access: "org",
  summary: "The organisation's live events as Server-Sent Events",
  description:
    "`text/event-stream`. Each stored event: `id:` (its id in the durable log), `event:` (its type), `data:` JSON `{id, type, payload, createdAt}`. " +
    `Types: ${Object.keys(LIVE_EVENT_TYPES).join(", ")}. ` +
    "`kpi.snapshot` (no id) carries the War Room's counters, at start and every 30 s; a `:` comment is sent every 15 s. " +
    "Resume with the `Last-Event-ID` header (browsers send it when they reconnect) or `?lastEventId=`: the events after it are replayed from the log, then the stream goes live, with no gap and no duplicate.",
  query: z.object({ lastEventId: liveEventIdSchema.optional().meta({ description: "Replay the events after this id (the Last-Event-ID header wins)" }) }),
  produces: "raw",
  contentType: "text/event-stream",
});

const bench = {
  path: "/api/bench/sse",
  tag,
  access: "internal",
  produces: "raw",
  contentType: "text/event-stream",
  description: "The baseline of `npm run bench:sse`: a bare SSE route streaming events from process memory. 404 unless the server runs with BENCH_SSE_ROUTE=1.",
} as const;

export const benchSseStreamEndpoint = defineEndpoint({ ...bench, method: "GET", summary: "Benchmark baseline: bare SSE stream (BENCH_SSE_ROUTE=1 only)" });
export const benchSseEmitEndpoint = defineEndpoint({ ...bench, method: "POST", contentType: "application/json", summary: "Benchmark baseline: send one event to every open bare stream (BENCH_SSE_ROUTE=1 only)" });
