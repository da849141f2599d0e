import { applyCheckpoint } from "./checkpoint";
import { receiveEvents, type IngestDeps } from "./event-api";

/**
 * The transport (`fetch`) of the app's Inngest client when the embedded executor is the engine.
 * Answered in-process, instead of a round trip through the app's HTTP server:
 * - the executor's event API (`<base>e/<key>`): stored in one transaction, as the HTTP route would;
 * - the checkpoint API (`<origin>/v1/checkpoint/<runId>/async`, the SDK resolves it against the
 *   origin): step results the SDK reports while it runs consecutive steps in one call (./checkpoint.ts).
 * Anything else goes to the network. App code keeps calling `inngest.send()` / `step.sendEvent`:
 * the shortcut lives here, not in the functions.
 */
export type TransportOptions = {
  /** The event API base the client is configured with, e.g. http://127.0.0.1:3000/api/runtime/ */
  eventApiBase: string;
  /** Resolved per request: the pool follows the app's database (tests point it elsewhere). */
  deps: () => IngestDeps;
  fallback?: typeof fetch;
};

function bodyText(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
  throw new Error("unsupported request body");
}

export function embeddedTransport(opts: TransportOptions): typeof fetch {
  const eventPrefix = `${opts.eventApiBase.replace(/\/+$/, "")}/e/`;
  const checkpointPrefix = `${new URL(opts.eventApiBase).origin}/v1/checkpoint/`;
  const fallback = opts.fallback ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (typeof input === "object" && "method" in input ? input.method : "GET")).toUpperCase();
    if (method !== "POST" || (typeof input === "object" && !(input instanceof URL))) return fallback(input, init);
    if (url.startsWith(checkpointPrefix)) {
      const m = /^([^/?#]+)\/async(?:[?#]|$)/.exec(url.slice(checkpointPrefix.length));
      if (!m) return fallback(input, init);
      const answer = await applyCheckpoint(opts.deps().pool, decodeURIComponent(m[1]!), JSON.parse(bodyText(init?.body)));
      // The SDK reads only the status of an accepted checkpoint: no body to build (one per step).
      if (answer.status === 200) return new Response(null, { status: 200 });
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
    }
    if (!url.startsWith(eventPrefix)) return fallback(input, init);
    const key = decodeURIComponent(url.slice(eventPrefix.length).split(/[?#]/)[0]!);
    const answer = await receiveEvents(opts.deps(), {
      key,
      seed: new Headers(init?.headers).get("x-inngest-event-id-seed") ?? undefined,
      body: async () => JSON.parse(bodyText(init?.body)),
    });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
  };
}
