import "server-only";
import type { LiveEventType } from "./types";

/** The NOTIFY channel; its payload is the new row's id only. */
export const LIVE_CHANNEL = "me_live";

/** A Prisma client or transaction, or a `pg` client / pool (the SQL hot paths). */
export type LiveExecutor = { $queryRawUnsafe: (sql: string, ...values: unknown[]) => Promise<unknown> } | { query: (sql: string, values: unknown[]) => Promise<unknown> };

/**
 * One statement, so it holds inside the caller's transaction and on its own alike: take the
 * organisation's advisory lock until commit (so within one organisation ids are committed in order:
 * a stream reading `id > last` never skips a row that commits later with a smaller id), insert, and
 * pg_notify the id (delivered at commit, dropped on rollback). Call it last in a transaction: the lock
 * is held until the transaction ends.
 */
const INSERT_SQL = `
  WITH lock AS (SELECT pg_advisory_xact_lock(hashtextextended('live:' || $1::text, 0)))
  , row AS (
    INSERT INTO live_events ("organizationId", type, payload)
    SELECT $1::text, $2::text, $3::jsonb FROM lock
    RETURNING id
  )
  SELECT row.id::text AS id FROM row CROSS JOIN LATERAL (SELECT pg_notify('${LIVE_CHANNEL}', row.id::text)) AS notified`;

/** Record a live event for the organisation's streams (in the caller's transaction when given one); returns its id. */
export async function publishLiveEvent(on: LiveExecutor, event: { organizationId: string; type: LiveEventType; payload?: Record<string, unknown> }): Promise<string> {
  const values = [event.organizationId, event.type, JSON.stringify(event.payload ?? {})];
  const out = "$queryRawUnsafe" in on ? await on.$queryRawUnsafe(INSERT_SQL, ...values) : await on.query(INSERT_SQL, values);
  const rows = (Array.isArray(out) ? out : (out as { rows: unknown[] }).rows) as { id: string }[];
  return rows[0]!.id;
}
