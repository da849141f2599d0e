import { z } from "zod";
import { sqlPool } from "@/lib/db/client";
import { readBodyLimited } from "@/lib/http";
import { childLogger } from "@/lib/log";
import { workflowEngine } from "./config";
import { incomingEventSchema, insertEvents, MAX_EVENT_BYTES, type IncomingEvent } from "./events";
import { embeddedEventKey, safeEqual } from "./secrets";
import { notifyWork } from "./signal";
import { transaction } from "./sql";

/**
 * The executor's event API, compatible with `inngest.send()` and `step.sendEvent`:
 * `POST /api/runtime/e/<key>` with one event or an array; answers `{"ids":[...],"status":200}`
 * (the SDK reads the status from the body) only after the events are committed.
 */
const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

function reply(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ ...body, status }), { status, headers: { "Content-Type": "application/json" } });
}

/** Only holders of the event key (the app's own client) may send: INNGEST_EVENT_KEY, else derived. */
function keyAccepted(key: string): boolean {
  return safeEqual(key, embeddedEventKey());
}

/**
 * Send events from inside this app. With the embedded engine they are stored directly (the same
 * insertEvents the event API runs, without an HTTP round trip to ourselves and the SDK's send
 * path: measurable on MKT-107's hot path); with an Inngest server, through the client.
 */
export async function sendAppEvents(client: { send: (events: never) => Promise<unknown> }, events: IncomingEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (workflowEngine() !== "embedded") {
    await client.send(events as never);
    return;
  }
  await storeEvents(events.map((e) => incomingEventSchema.parse(e)));
}

/** Store events (with their queue items) in one transaction and wake this process's executor. */
async function storeEvents(events: IncomingEvent[], seed?: string): Promise<string[]> {
  const ids = await transaction(sqlPool(), (tx) => insertEvents(tx, events, { seed }));
  notifyWork();
  return ids;
}

export async function handleEventApi(req: Request, key: string): Promise<Response> {
  // With an Inngest server configured the SDK sends events there; this API does not exist.
  if (workflowEngine() !== "embedded") return reply(404, { error: "The embedded executor is off" });
  if (req.method !== "POST") return reply(405, { error: "Use POST" });
  if (!keyAccepted(key)) return reply(401, { error: "Event key not found" });
  let parsed: unknown;
  try {
    const raw = await readBodyLimited(req, MAX_REQUEST_BYTES);
    parsed = JSON.parse(new TextDecoder().decode(raw));
  } catch (err) {
    return reply((err as { code?: string }).code === "payload_too_large" ? 413 : 400, { error: "Body must be a JSON event or array of events (max 3 MB)" });
  }
  const list = z
    .array(incomingEventSchema)
    .max(5_000)
    .safeParse(Array.isArray(parsed) ? parsed : [parsed]);
  if (!list.success) {
    const issue = list.error.issues[0];
    return reply(400, { error: `Invalid event at ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` });
  }
  for (const e of list.data) {
    if (e.name.startsWith("inngest/")) return reply(400, { error: `Event name "${e.name}" is reserved (inngest/ prefix)` });
    if (JSON.stringify(e).length > MAX_EVENT_BYTES) return reply(413, { error: `Event "${e.name}" is larger than 512 KB` });
  }
  const seed = req.headers.get("x-inngest-event-id-seed") ?? undefined;
  try {
    return reply(200, { ids: await storeEvents(list.data, seed) });
  } catch (err) {
    childLogger({ module: "runtime" }).error({ err }, "event ingestion failed");
    return reply(500, { error: "Events could not be stored; retry" });
  }
}
