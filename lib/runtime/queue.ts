import { limitOfKey } from "./functions";
import { notifyDue } from "./signal";
import { exec, query, transaction, type Pool, type Sql } from "./sql";

/**
 * The work queue. An item is leased by one executor (leaseOwner + leasedUntil) with
 * FOR UPDATE SKIP LOCKED, so processes never wait on each other; the holder renews the lease
 * while it works, and a crashed holder's lease simply expires, making the item claimable again.
 * Concurrency keys bound how many items of one key (e.g. one organisation) are leased at once.
 */
export type QueueKind = "CALL" | "TIMER" | "WAIT_TIMEOUT" | "EVENT" | "BATCH";

export type QueueItem = {
  id: string;
  kind: QueueKind;
  runId: string | null;
  stepId: string | null;
  waitId: string | null;
  eventId: string | null;
  availableAt: Date;
  infraRetries: number;
  concurrencyKeys: string[];
  createdAt: Date;
};

const COLUMNS = `id, kind, "runId", "stepId", "waitId", "eventId", "availableAt", "infraRetries", "concurrencyKeys", "createdAt"`;

export class LeaseLostError extends Error {
  constructor(itemId: string) {
    super(`Lease on queue item ${itemId} was lost (expired and taken over, or the run ended)`);
    this.name = "LeaseLostError";
  }
}

export type ClaimOptions = {
  owner: string;
  limit: number;
  now: Date;
  leaseMs: number;
  blockedRetryMs: number;
  withKeys: boolean;
  /**
   * Claim ahead: items without concurrency keys due within this many ms are claimed too (after every
   * due one: the order is by due time), at most `aheadLimit` of them. The caller holds them until
   * their due time (executor.ts); a holder that dies leaves a lease that expires as any other.
   */
  aheadMs?: number;
  aheadLimit?: number;
};

/** Claim up to `limit` items: the due ones, then (aheadMs) up to `aheadLimit` of those due soon. */
export async function claimItems(db: Pool, o: ClaimOptions): Promise<QueueItem[]> {
  const until = new Date(o.now.getTime() + o.leaseMs);
  const aheadMs = o.aheadLimit ? Math.max(0, o.aheadMs ?? 0) : 0;
  const free = await query<QueueItem>(
    db,
    `UPDATE runtime_queue q SET "leaseOwner" = $1, "leasedUntil" = $2
     FROM (SELECT id, due, row_number() OVER (ORDER BY "availableAt") - count(*) FILTER (WHERE due) OVER () AS ahead FROM (
             SELECT id, "availableAt", "availableAt" <= $3 AS due FROM runtime_queue
             WHERE "availableAt" <= $5 AND ("leasedUntil" IS NULL OR "leasedUntil" < $3) AND "concurrencyKeys" = '{}'::text[]
             ORDER BY "availableAt" LIMIT $4 FOR UPDATE SKIP LOCKED) l) c
     WHERE q.id = c.id AND (c.due OR c.ahead <= $6)
     RETURNING ${COLUMNS.split(", ")
       .map((c) => `q.${c}`)
       .join(", ")}`,
    o.owner,
    until,
    o.now,
    o.limit,
    new Date(o.now.getTime() + aheadMs),
    o.aheadLimit ?? 0,
  );
  // Items claimed ahead are held, not run: they leave the due keyed items their room.
  const room = o.limit - free.filter((i) => i.availableAt <= o.now).length;
  if (room <= 0 || !o.withKeys) return free;
  // Most polls find nothing keyed to do: one probe instead of an empty locking transaction.
  const [due] = await query<{ due: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM runtime_queue WHERE "availableAt" <= $1 AND ("leasedUntil" IS NULL OR "leasedUntil" < $1) AND cardinality("concurrencyKeys") > 0) AS due`,
    o.now,
  );
  if (!due?.due) return free;
  return free.concat(await claimKeyed(db, { ...o, limit: room }, until));
}

async function claimKeyed(db: Pool, o: ClaimOptions, until: Date): Promise<QueueItem[]> {
  return transaction(db, async (tx) => {
    const candidates = await query<QueueItem>(
      tx,
      `SELECT ${COLUMNS} FROM runtime_queue
       WHERE "availableAt" <= $1 AND ("leasedUntil" IS NULL OR "leasedUntil" < $1) AND cardinality("concurrencyKeys") > 0
       ORDER BY "availableAt", "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      o.now,
      o.limit * 4,
    );
    if (candidates.length === 0) return [];
    const keys = [...new Set(candidates.flatMap((c) => c.concurrencyKeys))].sort();
    const inFlight = await lockAndCountKeys(tx, keys, o.now);
    const accepted: QueueItem[] = [];
    const blocked: string[] = [];
    for (const c of candidates) {
      const fits = accepted.length < o.limit && c.concurrencyKeys.every((k) => (inFlight.get(k) ?? 0) < limitOfKey(k));
      if (fits) {
        accepted.push(c);
        for (const k of c.concurrencyKeys) inFlight.set(k, (inFlight.get(k) ?? 0) + 1);
      } else if (c.concurrencyKeys.some((k) => (inFlight.get(k) ?? 0) >= limitOfKey(k))) {
        blocked.push(c.id);
      }
    }
    if (blocked.length > 0) {
      // Woken early by releaseConcurrency when a slot frees; the delay is only a safety net.
      await exec(
        tx,
        `UPDATE runtime_queue SET blocked = true, "availableAt" = $2 WHERE id = ANY($1::text[])`,
        blocked,
        new Date(o.now.getTime() + o.blockedRetryMs),
      );
    }
    if (accepted.length > 0) {
      await exec(
        tx,
        `UPDATE runtime_queue SET "leaseOwner" = $2, "leasedUntil" = $3, blocked = false WHERE id = ANY($1::text[])`,
        accepted.map((a) => a.id),
        o.owner,
        until,
      );
    }
    return accepted;
  });
}

/**
 * Serialise counting per key across executors (advisory locks in sorted order, in one statement, so
 * two executors never deadlock), then count the leased items holding each key.
 */
async function lockAndCountKeys(tx: Sql, keys: string[], now: Date): Promise<Map<string, number>> {
  await exec(tx, `SELECT pg_advisory_xact_lock(hashtextextended(k, 7)) FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i`, keys);
  const counts = await query<{ k: string; n: number }>(
    tx,
    `SELECT k, count(*)::int AS n FROM runtime_queue, unnest("concurrencyKeys") AS k
     WHERE "leasedUntil" >= $1 AND k = ANY($2::text[]) GROUP BY k`,
    now,
    keys,
  );
  return new Map(counts.map((c) => [c.k, c.n]));
}

/**
 * Inside a transaction: whether one more leased item holding `keys` fits their limits. When it
 * does, the caller must lease such an item before committing (the locks are held until then).
 */
export async function slotFree(tx: Sql, keys: string[], now: Date): Promise<boolean> {
  if (keys.length === 0) return true;
  const sorted = [...new Set(keys)].sort();
  const inFlight = await lockAndCountKeys(tx, sorted, now);
  return sorted.every((k) => (inFlight.get(k) ?? 0) < limitOfKey(k));
}

/**
 * The heartbeat: renew the leases `owner` holds on `ids` (the items it works on or holds); returns
 * those still ours. By id, so a backlog of other items is not scanned (an UPDATE by owner read the
 * whole table every second: 23 ms with 200,000 items queued). It never waits for a row lock: a row
 * another statement holds (this worker's own commit or checkpoint of that item, most often) is
 * skipped this time and renewed at the next beat, a lease lasting three beats. Before, the heartbeat
 * locked the worker's rows in the table's order while a checkpoint group locks its rows in id order:
 * they deadlocked, and PostgreSQL's deadlock_timeout (1 s) stopped every run of that group for a
 * second (bench:runtime, 2 of 21 runs at 3.5-5 % instead of ~10 %, 2026-12-05). "Still ours" reads
 * the statement's snapshot: a skipped row is ours unless a commit gave it away.
 */
export async function renewLeases(db: Pool, owner: string, until: Date, ids: string[]): Promise<Set<string>> {
  const rows = await query<{ id: string }>(
    db,
    `WITH renewed AS (
       UPDATE runtime_queue q SET "leasedUntil" = $2
       FROM (SELECT id FROM runtime_queue WHERE id = ANY($3::text[]) AND "leaseOwner" = $1 FOR UPDATE SKIP LOCKED) free
       WHERE q.id = free.id
       RETURNING q.id
     )
     SELECT id FROM runtime_queue WHERE id = ANY($3::text[]) AND "leaseOwner" = $1`,
    owner,
    until,
    ids,
  );
  return new Set(rows.map((r) => r.id));
}

/** NOTIFY channel: new work stored by another process (ingestion, the Runs page). */
export const WORK_CHANNEL = "runtime_work";

/**
 * When the next not-yet-due item becomes due (timers, retries, delayed starts), if any. Items already
 * claimed ahead (leased) are skipped: their holder fires them.
 */
export async function nextDueAt(db: Pool, now: Date): Promise<Date | undefined> {
  const [row] = await query<{ availableAt: Date }>(
    db,
    `SELECT "availableAt" FROM runtime_queue WHERE "availableAt" > $1 AND ("leasedUntil" IS NULL OR "leasedUntil" < $1) ORDER BY "availableAt" LIMIT 1`,
    now,
  );
  return row?.availableAt;
}

/** Inside a commit transaction (after locking the run): check the item is still ours, and lock it. */
export async function assertLease(sql: Sql, itemId: string, owner: string): Promise<void> {
  const rows = await query<{ id: string }>(sql, `SELECT id FROM runtime_queue WHERE id = $1 AND "leaseOwner" = $2 FOR UPDATE`, itemId, owner);
  if (rows.length === 0) throw new LeaseLostError(itemId);
}

export async function deleteItem(sql: Sql, itemId: string): Promise<void> {
  await exec(sql, `DELETE FROM runtime_queue WHERE id = $1`, itemId);
}

/** Put an item back for later (retry, throttle), optionally retargeting its step. */
export async function rescheduleItem(
  sql: Sql,
  itemId: string,
  at: Date,
  changes: { stepId?: string | null; infraRetries?: number; keepLease?: { owner: string; until: Date } } = {},
): Promise<void> {
  // A lease kept (a retry held in memory by its executor) needs no wake-up to be claimed.
  if (!changes.keepLease) notifyDue(at);
  await exec(
    sql,
    `UPDATE runtime_queue SET "availableAt" = $2, "leaseOwner" = $6, "leasedUntil" = $7,
       "stepId" = CASE WHEN $3::boolean THEN $4 ELSE "stepId" END, "infraRetries" = COALESCE($5, "infraRetries")
     WHERE id = $1`,
    itemId,
    at,
    changes.stepId !== undefined,
    changes.stepId ?? null,
    changes.infraRetries ?? null,
    changes.keepLease?.owner ?? null,
    changes.keepLease?.until ?? null,
  );
}

/** Give back the leases of these items (claimed ahead, not started: a stopping executor). */
export async function releaseItems(db: Pool, owner: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await exec(db, `UPDATE runtime_queue SET "leaseOwner" = NULL, "leasedUntil" = NULL WHERE id = ANY($1::text[]) AND "leaseOwner" = $2`, ids, owner);
}

/** Give back every lease of this executor (graceful stop): the work is picked up at once elsewhere. */
export async function releaseLeases(db: Pool, owner: string): Promise<void> {
  await exec(db, `UPDATE runtime_queue SET "leaseOwner" = NULL, "leasedUntil" = NULL WHERE "leaseOwner" = $1`, owner);
}
