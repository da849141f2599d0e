import { readBodyLimited } from "@/lib/http";
import { childLogger } from "@/lib/log";
import { MAX_EVENT_REQUEST_BYTES, receiveEvents } from "@/lib/runtime/event-api";
import { ingestDeps, workflowEngine } from "./config";

/**
 * POST /api/runtime/e/<key>: the embedded executor's event API over HTTP (senders outside this
 * process; the app's own client stores its events in-process through its transport). The protocol
 * (key, validation, answer) is lib/runtime/event-api.ts; this adds the HTTP edge.
 */
function reply(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ ...body, status }), { status, headers: { "Content-Type": "application/json" } });
}

export async function handleEventApi(req: Request, key: string): Promise<Response> {
  // With an Inngest server configured the SDK sends events there; this API does not exist.
  if (workflowEngine() !== "embedded") return reply(404, { error: "The embedded executor is off" });
  if (req.method !== "POST") return reply(405, { error: "Use POST" });
  try {
    const answer = await receiveEvents(ingestDeps(), {
      key,
      seed: req.headers.get("x-inngest-event-id-seed") ?? undefined,
      body: async () => JSON.parse(new TextDecoder().decode(await readBodyLimited(req, MAX_EVENT_REQUEST_BYTES))),
    });
    return reply(answer.status, answer.body);
  } catch (err) {
    childLogger({ module: "runtime" }).error({ err }, "event ingestion failed");
    return reply(500, { error: "Events could not be stored; retry" });
  }
}
