import "server-only";
import { sqlPool } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { getWarRoomKpis, type WarRoomKpis } from "@/lib/warroom/get-war-room";
import { KPI_SNAPSHOT_EVENT, type LiveEventMessage } from "./types";
import { liveHub, readLiveEvents } from "./hub";

export const HEARTBEAT_MS = 15_000;
export const KPI_MS = 30_000;
const REPLAY_PAGE = 500;

/** One KPI read per organisation and process per period, however many streams are open. */
const kpiCache = new Map<string, { at: number; value: Promise<WarRoomKpis> }>();
function kpisFor(organizationId: string): Promise<WarRoomKpis> {
  const hit = kpiCache.get(organizationId);
  if (hit && Date.now() - hit.at < KPI_MS - 5_000) return hit.value;
  const value = getWarRoomKpis({ organizationId });
  kpiCache.set(organizationId, { at: Date.now(), value });
  value.catch(() => kpiCache.delete(organizationId));
  return value;
}

const encoder = new TextEncoder();
/** The hub hands the same message object to every stream of the organisation: encode it once, not once per client. */
const frames = new WeakMap<LiveEventMessage, Uint8Array>();
function frame(e: LiveEventMessage): Uint8Array {
  let bytes = frames.get(e);
  if (!bytes) frames.set(e, (bytes = encoder.encode(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`)));
  return bytes;
}

/**
 * The organisation's Server-Sent Events stream (the caller has checked membership): replays the
 * durable log after `lastEventId` (if given), then goes live without gap or duplicate: it subscribes
 * first, buffers, replays, then drains the buffer past the last id sent. Stored events carry `id:`;
 * the KPI snapshot (every 30 s, and once at start) and the heartbeat comment (every 15 s) do not, so
 * the browser's Last-Event-ID is always a row of the log.
 */
export function liveStreamResponse(opts: { organizationId: string; lastEventId?: string; signal?: AbortSignal; heartbeatMs?: number; kpiMs?: number }): Response {
  const { organizationId } = opts;
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      let last = 0n;
      let buffered: LiveEventMessage[] | null = [];
      const send = (bytes: Uint8Array) => {
        if (!open) return;
        try {
          controller.enqueue(bytes);
        } catch {
          cleanup();
        }
      };
      const sendEvent = (e: LiveEventMessage) => {
        const id = BigInt(e.id);
        if (id <= last) return;
        last = id;
        send(frame(e));
      };
      const sendKpis = () =>
        void kpisFor(organizationId).then(
          (kpis) => send(encoder.encode(`event: ${KPI_SNAPSHOT_EVENT}\ndata: ${JSON.stringify({ type: KPI_SNAPSHOT_EVENT, kpis, at: new Date().toISOString() })}\n\n`)),
          (err: Error) => logger().warn({ err: err.message, organizationId }, "live: KPI snapshot failed"),
        );
      const timers: NodeJS.Timeout[] = [];
      let unsubscribe = () => {};
      cleanup = () => {
        if (!open) return;
        open = false;
        timers.forEach(clearInterval);
        unsubscribe();
        opts.signal?.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      opts.signal?.addEventListener("abort", cleanup);

      send(encoder.encode(`retry: 2000\n: connected\n\n`));
      try {
        const sub = await liveHub().subscribe(organizationId, (e) => (buffered ? buffered.push(e) : sendEvent(e)));
        unsubscribe = sub.unsubscribe;
        if (!open) return unsubscribe();
        last = BigInt(opts.lastEventId ?? sub.since);
        for (;;) {
          const page = await readLiveEvents(sqlPool(), { organizationId, afterId: String(last), limit: REPLAY_PAGE });
          page.forEach(sendEvent);
          if (page.length < REPLAY_PAGE) break;
        }
        const pending: LiveEventMessage[] = buffered;
        buffered = null;
        pending.forEach(sendEvent);
      } catch (err) {
        logger().warn({ err: (err as Error).message, organizationId }, "live: stream start failed");
        // The browser reconnects (retry: 2000) with its Last-Event-ID.
        return cleanup();
      }
      sendKpis();
      timers.push(setInterval(() => send(encoder.encode(`: heartbeat ${Date.now()}\n\n`)), opts.heartbeatMs ?? HEARTBEAT_MS));
      timers.push(setInterval(sendKpis, opts.kpiMs ?? KPI_MS));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
