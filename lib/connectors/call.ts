import { isCircuitOpen } from "./circuit";
import { ConnectorError, isConnectorError } from "./errors";
import type { ConnectorRuntime } from "./http";
import type { ConnectorContext } from "./types";

/**
 * Run one platform call under the shared policy:
 * - auth_expired: ask the TokenSource for a newer token (single-flight refresh) and retry once;
 *   a second rejection means the grant is gone -> reconnect_required.
 * - rate_limited: report the reset time, wait for it if short (<= maxRateLimitWaitMs), else give up
 *   with rate_limited + retryAfterSeconds so the job scheduler retries after the reset.
 * - transient (5xx, timeouts): exponential backoff with jitter, up to maxAttempts; but an open circuit
 *   (lib/connectors/circuit.ts: the platform failed repeatedly) is thrown at once, for the workflow to retry later.
 * - anything else (validation, permission...): thrown at once, never retried.
 */
export async function withPolicy<T>(ctx: ConnectorContext, rt: ConnectorRuntime, fn: (accessToken: string) => Promise<T>): Promise<T> {
  let token = await ctx.tokens.get();
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(token);
    } catch (err) {
      if (!isConnectorError(err)) throw err;
      if (err.kind === "auth_expired") {
        if (refreshed)
          throw new ConnectorError("reconnect_required", err.platform, "the platform rejected a freshly refreshed token", {
            httpStatus: err.httpStatus,
            platformCode: err.platformCode,
          });
        refreshed = true;
        token = await ctx.tokens.refresh(token);
        attempt--; // a refresh is not a failed attempt
        continue;
      }
      if (err.kind === "rate_limited") {
        const until = err.retryAt ?? new Date(rt.now() + 60_000);
        await ctx.onRateLimited?.(until);
        const wait = until.getTime() - rt.now();
        if (attempt < rt.maxAttempts && wait <= rt.maxRateLimitWaitMs) {
          await rt.sleep(Math.max(0, wait));
          continue;
        }
        throw err;
      }
      if (err.kind === "transient" && !isCircuitOpen(err) && attempt < rt.maxAttempts) {
        const backoff = rt.baseBackoffMs * 2 ** (attempt - 1);
        await rt.sleep(backoff + Math.floor(Math.random() * rt.baseBackoffMs));
        continue;
      }
      throw err;
    }
  }
}
