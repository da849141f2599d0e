import type pino from "pino";
import type { BackoffOptions } from "./backoff";
import { LeaseLostError, type QueueItem } from "./queue";
import type { FunctionRegistry } from "./registry";
import type { Pool } from "./sql";

/** What a processor needs: the database, the functions, its lease, and the executor's settings. */
export type WorkContext = {
  db: Pool;
  registry: FunctionRegistry;
  owner: string;
  lease: LeaseState;
  backoff: BackoffOptions;
  infraBackoff: BackoffOptions;
  callTimeoutMs: number;
  serveToken?: string;
  maxInlineSteps: number;
  /** Let the SDK run consecutive steps in one call and checkpoint them (./checkpoint.ts). */
  checkpointing: boolean;
  maxInfraRetries: number;
  /** The app's serve() handler when it runs in this process (./local-serve.ts); else calls go over HTTP. */
  localServe: () => ((request: Request) => Promise<Response>) | undefined;
  log: pino.Logger;
  stopping: () => boolean;
  notify: () => void;
  /**
   * Retries kept in memory by this executor (process-call.ts retryLater): `canHold` says, inside the
   * commit, whether a retry due at that time is kept leased (for `leaseMs`); `hold` takes it after the commit.
   */
  retryHold?: { canHold: (at: Date) => boolean; leaseMs: number; hold: (item: QueueItem) => void };
};

/** Set by the heartbeat when a renewal finds the item taken over; checked before each call. */
export class LeaseState {
  lost = false;
  constructor(readonly itemId: string) {}
  throwIfLost(): void {
    if (this.lost) throw new LeaseLostError(this.itemId);
  }
}
