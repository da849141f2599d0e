import path from "node:path";

/**
 * Node arguments that start the production server (scripts/server.mjs, plain JavaScript: our code comes
 * compiled from the build) on `port` (and `host`, else every
 * interface), for whoever spawns it: scripts/dev.ts --prod (`npm start`), tests/e2e/server.ts, the
 * benchmarks' demo app. `nodeFlags` go first (e.g. --cpu-prof).
 */
export function serverArgs(opts: { port: number | string; host?: string; nodeFlags?: string[] }): string[] {
  return [
    ...(opts.nodeFlags ?? []),
    path.resolve(import.meta.dirname, "server.mjs"),
    "-p",
    String(opts.port),
    ...(opts.host ? ["-H", opts.host] : []),
  ];
}
