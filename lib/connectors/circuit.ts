import CircuitBreaker from "opossum";
import { ConnectorError } from "./errors";
import type { HttpResponse } from "./http";
import type { PlatformKey } from "./types";

/**
 * One circuit breaker per platform and process (opossum), around every HTTP exchange of the
 * connectors (`send`): when at least `volumeThreshold` calls in the last 10 s saw the platform down
 * (network error, timeout or 5xx) and they are half or more of the calls, the circuit opens: for
 * `resetMs`, calls to that platform fail at once with a transient ConnectorError (platformCode
 * "circuit_open", retryAt = when it half-opens) instead of piling up timeouts; the workflow's own
 * retry comes back later. Then one trial call: success closes it, failure re-opens it. 4xx answers
 * (validation, auth, rate limits) mean the platform is up and never open it. The state is shown by
 * /api/health (`connectors`) and /api/metrics (`me_connector_circuit_state`).
 */
export type CircuitState = "closed" | "open" | "half_open";
export type CircuitOptions = { volumeThreshold: number; errorThresholdPercentage: number; resetMs: number; rollingMs: number };

const DEFAULTS: CircuitOptions = { volumeThreshold: 5, errorThresholdPercentage: 50, resetMs: 30_000, rollingMs: 10_000 };
const KEY = Symbol.for("marketing-engine.connector-circuits");

type Entry = { breaker: CircuitBreaker<[() => Promise<HttpResponse>], HttpResponse>; openedAt: number };
type Circuits = { options: CircuitOptions; byPlatform: Map<PlatformKey, Entry> };

function circuits(): Circuits {
  const g = globalThis as { [KEY]?: Circuits };
  return (g[KEY] ??= { options: DEFAULTS, byPlatform: new Map() });
}

/** A platform answered 5xx: a failure for the breaker, but its response still goes back to the connector. */
class PlatformDown extends Error {
  constructor(readonly response: HttpResponse) {
    super(`HTTP ${response.status}`);
  }
}

function entry(platform: PlatformKey): Entry {
  const c = circuits();
  let e = c.byPlatform.get(platform);
  if (!e) {
    const breaker = new CircuitBreaker(async (call: () => Promise<HttpResponse>) => {
      const res = await call();
      if (res.status >= 500) throw new PlatformDown(res);
      return res;
    }, {
      timeout: false, // the exchange has its own timeout (ConnectorRuntime.timeoutMs)
      resetTimeout: c.options.resetMs,
      errorThresholdPercentage: c.options.errorThresholdPercentage,
      volumeThreshold: c.options.volumeThreshold,
      rollingCountTimeout: c.options.rollingMs,
      // Only "the platform is down" counts: our own bugs and 4xx never reach here as failures.
      errorFilter: (err: unknown) => !(err instanceof PlatformDown) && !(err instanceof ConnectorError && err.kind === "transient"),
    });
    const created: Entry = { breaker, openedAt: 0 };
    breaker.on("open", () => {
      created.openedAt = Date.now();
    });
    e = created;
    c.byPlatform.set(platform, e);
  }
  return e;
}

/** Run one exchange through the platform's breaker. */
export async function throughCircuit(platform: PlatformKey, call: () => Promise<HttpResponse>): Promise<HttpResponse> {
  const e = entry(platform);
  try {
    return await e.breaker.fire(call);
  } catch (err) {
    if (err instanceof PlatformDown) return err.response;
    if ((err as { code?: string }).code === "EOPENBREAKER") {
      const retryAt = new Date(e.openedAt + circuits().options.resetMs);
      throw new ConnectorError("transient", platform, "the platform failed repeatedly: calls are paused (circuit open)", { platformCode: "circuit_open", retryAt });
    }
    throw err;
  }
}

export const isCircuitOpen = (err: unknown): boolean => err instanceof ConnectorError && err.platformCode === "circuit_open";

/** The state of each platform this process has called. */
export function circuitStates(): Partial<Record<PlatformKey, CircuitState>> {
  const out: Partial<Record<PlatformKey, CircuitState>> = {};
  for (const [platform, { breaker }] of circuits().byPlatform) out[platform] = breaker.opened ? "open" : breaker.halfOpen ? "half_open" : "closed";
  return out;
}

/** Tests and operators: new thresholds (the breakers are created again with them). */
export function configureCircuits(options: Partial<CircuitOptions> = {}): void {
  const c = circuits();
  for (const { breaker } of c.byPlatform.values()) breaker.shutdown();
  c.byPlatform.clear();
  c.options = { ...DEFAULTS, ...options };
}
