/**
 * In-process calls into the app's serve() handler. When the app's serve route runs in the same
 * process as the executor (`npm start`: scripts/server.mjs, or `next start`, with the executor
 * started by instrumentation.ts), the route registers its POST handler here as Next.js loads it
 * (the executor's first sync, over HTTP, is what loads it), and the executor hands each call to it
 * as a `Request` and reads the `Response`: the same request (URL, headers, the executor's bearer
 * token, body) and the same answer as over HTTP, without the loopback HTTP request, the Next.js
 * router and response compression. Nothing is skipped: the route's guard still checks the token.
 * A process without the route (`npm run worker`, a remote app) has nothing registered and calls
 * over HTTP. Kept on globalThis: the route and the executor are compiled into separate bundles.
 */
export type LocalServe = (request: Request) => Promise<Response>;

const g = globalThis as unknown as { __meLocalServe?: LocalServe };

export function registerLocalServe(handler: LocalServe): void {
  g.__meLocalServe = handler;
}

export function localServe(): LocalServe | undefined {
  return g.__meLocalServe;
}
