/**
 * `node --import ./scripts/server-only-loader.mjs` (with tsx): lets scripts run server code.
 * Modules that touch the database or secrets `import "server-only"`, which throws unless resolved with
 * the react-server condition; Next.js resolves it so for server bundles, and scripts (dev, worker, seed,
 * migrations, benchmarks, the e2e server) get the same no-op build here. Only that one specifier is
 * affected; react and the rest resolve as usual.
 */
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
