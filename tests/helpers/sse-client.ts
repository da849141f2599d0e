import { createParser, type EventSourceMessage } from "eventsource-parser";

/**
 * A Server-Sent Events client for tests and benchmarks: fetch + eventsource-parser, so a test can set
 * headers (X-API-Key, Last-Event-ID), see the status of a refusal, and wait for the events it expects.
 */
export type SseClient = {
  status: number;
  /** Events received so far (comments excluded), each with the time it arrived (performance.now()). */
  events: (EventSourceMessage & { at: number })[];
  comments: string[];
  /** Resolves with the first event (already received or to come) matching `pred`; rejects after `timeoutMs`. */
  waitFor: (pred: (e: EventSourceMessage) => boolean, timeoutMs?: number) => Promise<EventSourceMessage & { at: number }>;
  onEvent: (fn: (e: EventSourceMessage & { at: number }) => void) => void;
  close: () => void;
  body: string;
};

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: ac.signal });
  const events: SseClient["events"] = [];
  const comments: string[] = [];
  const listeners: ((e: EventSourceMessage & { at: number }) => void)[] = [];
  const client: SseClient = {
    status: res.status,
    events,
    comments,
    body: "",
    onEvent: (fn) => listeners.push(fn),
    waitFor: (pred, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const hit = events.find(pred);
        if (hit) return resolve(hit);
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms (got ${events.map((e) => e.event).join(", ") || "none"})`)), timeoutMs);
        listeners.push((e) => {
          if (pred(e)) {
            clearTimeout(timer);
            resolve(e);
          }
        });
      }),
    close: () => ac.abort(),
  };
  if (!res.ok || !res.body) {
    client.body = await res.text();
    return client;
  }
  const parser = createParser({
    onEvent: (e) => {
      const ev = { ...e, at: performance.now() };
      events.push(ev);
      for (const fn of listeners) fn(ev);
    },
    onComment: (c) => comments.push(c),
  });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        if (process.env.SSE_DEBUG) console.log(`[sse ${url}] ${JSON.stringify(text)}`);
        parser.feed(text);
      }
    } catch {
      // aborted
    }
  })();
  return client;
}
