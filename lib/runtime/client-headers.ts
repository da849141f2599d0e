import type { Inngest } from "inngest";

/**
 * The inngest SDK (v4) rebuilds its request headers from scratch for every API request it makes:
 * `client.headers` (read through `client.env` for each checkpoint of a step, and for each answer of
 * `serve()`) calls `inngestHeaders()`, which copies `process.env` (`getProcessEnv()`: an enumeration
 * of the C++-backed environment, ~65 µs with the ~70 variables of an `npm start`) to pick out the
 * INNGEST_* and platform variables. That was ~12 % of the bench:runtime process's CPU, one of its
 * largest items (ARCHITECTURE.md, "Executor hot path").
 *
 * The headers depend on the client's options and its environment (`client._env`, replaced only by
 * `setEnvVars()`, which `serve()` calls at the start of every request it handles with the process
 * environment of that moment) and on `process.env`. So this keeps the result until the next
 * `setEnvVars()`: the same headers as the SDK builds, refreshed at the start of every request, built
 * once per request instead of once per step. Returns the client itself; a client whose SDK version
 * no longer has the `headers` getter or `setEnvVars` is left as it is
 * (tests/unit/runtime/client-headers.test.ts checks this one does).
 */
export function cacheSdkHeaders<T extends Inngest.Any>(client: T): T {
  const getter = headersGetter(client);
  const setEnvVars = (client as { setEnvVars?: unknown }).setEnvVars;
  if (!getter || typeof setEnvVars !== "function") return client;
  let cached: Record<string, string> | undefined;
  Object.defineProperty(client, "headers", {
    configurable: true,
    enumerable: false,
    // A copy each time: callers spread it, but none may change what the next one reads.
    get(this: T) {
      cached ??= getter.call(this) as Record<string, string>;
      return { ...cached };
    },
  });
  Object.defineProperty(client, "setEnvVars", {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: T, ...args: unknown[]) {
      cached = undefined;
      return (setEnvVars as (...a: unknown[]) => unknown).apply(this, args);
    },
  });
  return client;
}

function headersGetter(client: object): (() => unknown) | undefined {
  for (let o: object | null = Object.getPrototypeOf(client); o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, "headers");
    if (d) return d.get;
  }
  return undefined;
}
