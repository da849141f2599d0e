import { handle } from "@/lib/api/handle";
import { env } from "@/lib/env";
import { benchSseEmitEndpoint, benchSseStreamEndpoint } from "@/lib/live/contracts";

/**
 * The baseline of `npm run bench:sse` (tests/bench/sse.ts): the same SSE frames as GET
 * /api/orgs/{org}/stream, streamed from this process's memory (no auth, no database), so the bench
 * shows what the live stream costs beyond Next.js itself. Off (404) unless BENCH_SSE_ROUTE=1.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const g = globalThis as unknown as { __meBenchSse?: Set<ReadableStreamDefaultController<Uint8Array>> };
const clients = (g.__meBenchSse ??= new Set());
const encoder = new TextEncoder();
const off = () => !env().BENCH_SSE_ROUTE;

export const GET = handle(benchSseStreamEndpoint, async ({ req }) => {
  if (off()) return new Response(null, { status: 404 });
  let self: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      self = controller;
      clients.add(controller);
      controller.enqueue(encoder.encode("retry: 2000\n: connected\n\n"));
      req.signal.addEventListener("abort", () => clients.delete(controller));
    },
    cancel() {
      clients.delete(self);
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" } });
});

let nextId = 0;
export const POST = handle(benchSseEmitEndpoint, async () => {
  if (off()) return new Response(null, { status: 404 });
  const id = String(++nextId);
  const frame = encoder.encode(`id: ${id}\nevent: lead.received\ndata: ${JSON.stringify({ id, type: "lead.received", payload: { bench: true }, createdAt: new Date().toISOString() })}\n\n`);
  for (const c of clients) {
    try {
      c.enqueue(frame);
    } catch {
      clients.delete(c);
    }
  }
  return Response.json({ id, clients: clients.size });
});
