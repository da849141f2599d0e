import "server-only";
import type pg from "pg";
import { inngest } from "@/inngest/client";
import { insertRowsWithEvents, insertRowWithEvent, storeEventsInTransaction } from "@/lib/runtime/event-api";
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

/**
 * The hot receivers' single statement: the caller's `INSERT ... RETURNING` and, when it returns a row,
 * the event that processes it, in one autocommitted statement with the embedded engine (one round trip,
 * one commit; lib/runtime/event-api.ts `insertRowWithEvent`). With an Inngest server the row is
 * inserted, then `afterCommit` sends the event (it may fail: resolves false, the row stays for re-processing).
 * `afterCommit` is null when nothing was inserted.
 */
export async function insertWithEvent<T>(pool: pg.Pool, insert: { text: string; values: unknown[] }, event: AppEvent & { id: string }): Promise<{ rows: T[]; afterCommit: (() => Promise<boolean>) | null }> {
  if (workflowEngine() === "embedded") {
    const rows = await insertRowWithEvent<T>(pool, { tenantOf: organizationIdOf }, insert, event);
    return { rows, afterCommit: rows.length > 0 ? async () => true : null };
  }
  const rows = (await pool.query(insert.text, insert.values)).rows as T[];
  return { rows, afterCommit: rows.length > 0 ? () => inngest.send([event]).then(() => true) : null };
}

/**
 * `insertWithEvent` for many rows (a receiver's group commit): the caller's `INSERT ... RETURNING ...,
 * <key> AS "_eventKey"` and, for each row it returns, the event of `events` with that key — one statement
 * with the embedded engine. With an Inngest server the rows are inserted, then `afterCommit` sends the
 * events of the inserted rows (it may fail: resolves false, the rows stay for re-processing).
 */
export async function insertManyWithEvents<T extends { _eventKey: string }>(
  pool: pg.Pool,
  insert: { text: string; values: unknown[] },
  events: (AppEvent & { id: string; key: string })[],
): Promise<{ rows: T[]; afterCommit: () => Promise<boolean> }> {
  if (workflowEngine() === "embedded") {
    const rows = await insertRowsWithEvents<T>(pool, { tenantOf: organizationIdOf }, insert, events);
    return { rows, afterCommit: async () => true };
  }
  const rows = (await pool.query(insert.text, insert.values)).rows as T[];
  const inserted = new Set(rows.map((r) => r._eventKey));
  const toSend = events.filter((e) => inserted.has(e.key)).map(({ key: _key, ...event }) => event);
  return { rows, afterCommit: () => (toSend.length ? inngest.send(toSend).then(() => true) : Promise.resolve(true)) };
}
