import { z } from "zod";
import { now as clockNow } from "./clock";
import { newId, seededId } from "./ulid";
import { exec, json, query, type Sql } from "./sql";

/**
 * Storing events. Every event (from inngest.send, step.sendEvent, or the executor itself) is
 * written with an EVENT queue item in the same transaction: once the caller gets its ids the
 * event is durable and will be matched against triggers, waits and cancellations.
 */
export const EVENT_DEDUPE_MS = 24 * 60 * 60 * 1000;
export const MAX_EVENT_BYTES = 512 * 1024;

export const incomingEventSchema = z
  .object({
    name: z.string().trim().min(1).max(256),
    data: z.record(z.string(), z.unknown()).nullish(),
    user: z.record(z.string(), z.unknown()).nullish(),
    id: z.string().max(256).nullish(),
    ts: z.number().int().positive().nullish(),
    v: z.string().nullish(),
  })
  .passthrough();

export type IncomingEvent = z.infer<typeof incomingEventSchema>;

/** The event as functions receive it. */
export type EventPayload = { id: string; name: string; data: Record<string, unknown>; user?: Record<string, unknown>; ts: number; v?: string };

/**
 * The tenant of an incoming event (stored with it, then carried by the runs it starts), as the
 * app defines it; the app passes its extractor in when it starts the runtime.
 */
export type TenantOf = (event: { name: string; data: Record<string, unknown> | null | undefined }) => string | null;

/**
 * Insert events (inside the caller's transaction when given one). `seed` (the SDK's
 * x-inngest-event-id-seed) makes ids deterministic, so the SDK's own retries of one send store
 * each event once. A user-given `id` deduplicates for 24 h: the duplicate gets the first id back.
 */
export async function insertEvents(
  sql: Sql,
  events: IncomingEvent[],
  opts: { seed?: string; now?: Date; tenantOf?: TenantOf; organizationId?: string | null } = {},
): Promise<string[]> {
  const now = opts.now ?? clockNow();
  const seedMs = opts.seed ? Number(opts.seed.split(",")[0]) : NaN;
  // Ids sort in send order (seeded: by their index), which is the order batchEvents gives a run its events.
  const ids = events.map((_, i) => (opts.seed ? seededId(Number.isFinite(seedMs) ? seedMs : now.getTime(), opts.seed, i) : newId(now.getTime())));
  const tenantOf = (e: IncomingEvent) => (opts.organizationId !== undefined ? opts.organizationId : (opts.tenantOf?.({ name: e.name, data: e.data }) ?? null));

  // 24 h dedupe on the sender's id: claim "evt:<id>" unless a live claim exists.
  const keyed = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.id && !keyed.has(e.id)) keyed.set(e.id, i);
  });
  const skip = new Set<number>();
  events.forEach((e, i) => {
    if (e.id && keyed.get(e.id) !== i) {
      skip.add(i);
      ids[i] = ids[keyed.get(e.id)!]!;
    }
  });
  if (keyed.size > 0) {
    const keys = [...keyed.keys()].map((k) => `evt:${k}`);
    const refs = [...keyed.values()].map((i) => ids[i]!);
    const won = await query<{ key: string }>(
      sql,
      `INSERT INTO runtime_keys (key, ref, "expiresAt")
       SELECT k, r, $3::timestamptz FROM unnest($1::text[], $2::text[]) AS t(k, r)
       ON CONFLICT (key) DO UPDATE SET ref = EXCLUDED.ref, "expiresAt" = EXCLUDED."expiresAt"
         WHERE runtime_keys."expiresAt" <= $4::timestamptz
       RETURNING key`,
      keys,
      refs,
      new Date(now.getTime() + EVENT_DEDUPE_MS),
      now,
    );
    const wonSet = new Set(won.map((w) => w.key));
    const lost = keys.filter((k) => !wonSet.has(k));
    if (lost.length > 0) {
      const existing = await query<{ key: string; ref: string }>(sql, `SELECT key, ref FROM runtime_keys WHERE key = ANY($1::text[])`, lost);
      const refOf = new Map(existing.map((r) => [r.key, r.ref]));
      events.forEach((e, i) => {
        if (!e.id) return;
        const ref = refOf.get(`evt:${e.id}`);
        // A retry of the same seeded send claimed the key with this very id: still insert (idempotent).
        if (ref && ref !== ids[i]) {
          skip.add(i);
          ids[i] = ref;
        }
      });
    }
  }

  const rows = events.map((e, i) => ({ e, i })).filter(({ i }) => !skip.has(i));
  if (rows.length > 0) {
    await exec(
      sql,
      `WITH ins AS (
         INSERT INTO runtime_events (id, "externalId", name, data, "user", ts, "receivedAt", "organizationId")
         SELECT id, ext, name, data, usr, ts, $7::timestamptz, org
         FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::timestamptz[], $8::text[]) AS t(id, ext, name, data, usr, ts, org)
         ON CONFLICT (id) DO NOTHING
         RETURNING id
       )
       INSERT INTO runtime_queue (id, kind, "eventId", "availableAt", "createdAt")
       SELECT id, 'EVENT', id, $7::timestamptz, $7::timestamptz FROM ins`,
      rows.map(({ i }) => ids[i]),
      rows.map(({ e }) => e.id ?? null),
      rows.map(({ e }) => e.name),
      rows.map(({ e }) => json(e.data ?? {})),
      rows.map(({ e }) => (e.user ? json(e.user) : null)),
      rows.map(({ e }) => new Date(e.ts ?? now.getTime())),
      now,
      rows.map(({ e }) => tenantOf(e)),
    );
  }
  return ids;
}

/**
 * One statement that stores the caller's row and, for each row it returns, one event with its queue item
 * (and its 24 h dedupe key `evt:<id>`): `insert` is the caller's `INSERT ... RETURNING ...` with
 * parameters $1..$n (`params`), answered as it would be alone. A conflict on the caller's row (ON CONFLICT
 * DO NOTHING, nothing returned) writes no event. For hot receivers: one round trip and one commit
 * instead of BEGIN, three statements and COMMIT. `wake`: NOTIFY the executors of other processes.
 */
export function insertWithEventSql(
  insert: string,
  params: unknown[],
  event: { id: string; name: string; data: Record<string, unknown> },
  opts: { organizationId: string | null; wake: string | null; now?: Date },
): { text: string; values: unknown[] } {
  const now = opts.now ?? clockNow();
  const values = [...params, newId(now.getTime()), `evt:${event.id}`, event.id, event.name, json(event.data), now, new Date(now.getTime() + EVENT_DEDUPE_MS), opts.organizationId];
  const p = (i: number) => `$${params.length + i}`;
  const text = `WITH src AS (${insert}),
    rt_key AS (INSERT INTO runtime_keys (key, ref, "expiresAt") SELECT ${p(2)}::text, ${p(1)}::text, ${p(7)}::timestamptz WHERE EXISTS (SELECT 1 FROM src) ON CONFLICT (key) DO NOTHING RETURNING ref),
    rt_event AS (INSERT INTO runtime_events (id, "externalId", name, data, "user", ts, "receivedAt", "organizationId")
      SELECT ref, ${p(3)}::text, ${p(4)}::text, ${p(5)}::jsonb, NULL, ${p(6)}::timestamptz, ${p(6)}::timestamptz, ${p(8)}::text FROM rt_key RETURNING id),
    rt_queue AS (INSERT INTO runtime_queue (id, kind, "eventId", "availableAt", "createdAt") SELECT id, 'EVENT', id, ${p(6)}::timestamptz, ${p(6)}::timestamptz FROM rt_event)
    SELECT src.*${opts.wake ? `, pg_notify('${opts.wake}', '') IS NULL AS "_woke"` : ""} FROM src`;
  return { text, values };
}

/**
 * `insertWithEventSql` for many rows at once (a receiver's group commit): `insert` is the caller's
 * `INSERT ... RETURNING ..., <key> AS "_eventKey"` with parameters $1..$n; each returned row gets the
 * event of `events` with that `key` (with its 24 h dedupe key `evt:<id>`), in the same statement. A row
 * not returned (a conflict) gets no event. The events travel as arrays, so the text is the same for any
 * number of rows: one prepared statement.
 */
export function insertManyWithEventsSql(
  insert: string,
  params: unknown[],
  events: { key: string; id: string; name: string; data: Record<string, unknown>; organizationId: string | null }[],
  opts: { wake: string | null; now?: Date },
): { text: string; values: unknown[] } {
  const now = opts.now ?? clockNow();
  const values = [
    ...params,
    events.map((e) => e.key),
    events.map(() => newId(now.getTime())),
    events.map((e) => `evt:${e.id}`),
    events.map((e) => e.id),
    events.map((e) => e.name),
    events.map((e) => json(e.data)),
    events.map((e) => e.organizationId),
    now,
    new Date(now.getTime() + EVENT_DEDUPE_MS),
  ];
  const p = (i: number) => `$${params.length + i}`;
  const text = `WITH src AS (${insert}),
    ev AS (SELECT * FROM unnest(${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::jsonb[], ${p(7)}::text[]) AS e(k, ref, dedupe, ext, name, data, org)),
    rt_key AS (INSERT INTO runtime_keys (key, ref, "expiresAt") SELECT ev.dedupe, ev.ref, ${p(9)}::timestamptz FROM ev JOIN src ON src."_eventKey" = ev.k ON CONFLICT (key) DO NOTHING RETURNING ref),
    rt_event AS (INSERT INTO runtime_events (id, "externalId", name, data, "user", ts, "receivedAt", "organizationId")
      SELECT ev.ref, ev.ext, ev.name, ev.data, NULL, ${p(8)}::timestamptz, ${p(8)}::timestamptz, ev.org FROM rt_key JOIN ev ON ev.ref = rt_key.ref ORDER BY ev.ref RETURNING id),
    rt_queue AS (INSERT INTO runtime_queue (id, kind, "eventId", "availableAt", "createdAt") SELECT id, 'EVENT', id, ${p(8)}::timestamptz, ${p(8)}::timestamptz FROM rt_event)
    SELECT src.*${opts.wake ? `, pg_notify('${opts.wake}', '') IS NULL AS "_woke"` : ""} FROM src`;
  return { text, values };
}

export function toPayload(row: { id: string; externalId?: string | null; name: string; data: unknown; user?: unknown; ts: Date }): EventPayload {
  return {
    id: row.externalId ?? row.id,
    name: row.name,
    data: (row.data ?? {}) as Record<string, unknown>,
    ...(row.user ? { user: row.user as Record<string, unknown> } : {}),
    ts: row.ts.getTime(),
  };
}
