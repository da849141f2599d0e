import "server-only";
import type pg from "pg";
import { inngest } from "@/inngest/client";
import { storeEventsInTransaction } from "@/lib/runtime/event-api";
import { workflowEngine } from "./engine";
import { organizationIdOf } from "./tenant";

type AppEvent = { id?: string; name: string; data: Record<string, unknown> };

/**
 * Events that start workflows, written in the caller's transaction on the SQL pool (the hot paths of
 * the receivers: the row a source sent and the event that processes it commit together, one commit
 * instead of three). Returns what to do once the transaction has committed: wake the embedded
 * executor, or, with an Inngest server (which has no access to our database), send the events then.
 * The send after commit may fail; it resolves false and the caller's row stays for re-processing.
 */
export async function sendInTransaction(tx: pg.PoolClient, events: AppEvent[]): Promise<() => Promise<boolean>> {
  if (workflowEngine() === "embedded") {
    const { afterCommit } = await storeEventsInTransaction(tx, { tenantOf: organizationIdOf }, events);
    return async () => {
      afterCommit();
      return true;
    };
  }
  return () => inngest.send(events).then(() => true);
}
