import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { incomingEventSchema, insertEvents, insertManyWithEventsSql, insertWithEventSql, MAX_EVENT_BYTES, type IncomingEvent, type TenantOf } from "./events";
import { WORK_CHANNEL } from "./queue";
import { hasLocalExecutor, notifyWork } from "./signal";
import { preparedQuery, transaction, type Pool, type Sql, type Tx } from "./sql";

/**
 * The executor's event API as the SDK speaks it (`inngest.send()`, `step.sendEvent`):
 * `POST <base>e/<key>` with one event or an array; the answer `{"ids":[...],"status":200}` (the SDK
 * reads the status from the body) is given only after the events are committed. Reached over HTTP
 * (app/api/runtime/e/[key]) or in-process through the app client's transport (./transport.ts).
 */
export type IngestDeps = {
  pool: Pool;
  /** The event key senders must present (INNGEST_EVENT_KEY, or one the app derives from its secret). */
  eventKey: string;
  tenantOf?: TenantOf;
};

export type EventApiAnswer = { status: number; body: Record<string, unknown> & { status: number } };

const answer = (status: number, body: Record<string, unknown>): EventApiAnswer => ({ status, body: { ...body, status } });

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Store events (with their queue items) in one transaction and wake an executor: this process's,
 * or when none runs here (a web process next to `npm run worker`), the others by NOTIFY.
 */
export async function storeEvents(deps: Pick<IngestDeps, "pool" | "tenantOf">, events: IncomingEvent[], seed?: string): Promise<string[]> {
  const { ids, afterCommit } = await transaction(deps.pool, (tx) => storeEventsInTransaction(tx, deps, events, seed));
  afterCommit();
  return ids;
}

/**
 * The same inside the caller's transaction: an app writes its own rows and the events they start in
 * one commit (both or neither). Call `afterCommit()` once the transaction has committed (it wakes
 * this process's executor; other processes are woken by the NOTIFY, delivered at commit).
 */
export async function storeEventsInTransaction(tx: Tx, deps: Pick<IngestDeps, "tenantOf">, events: IncomingEvent[], seed?: string): Promise<{ ids: string[]; afterCommit: () => void }> {
  const ids = await insertEvents(tx, events, { seed, tenantOf: deps.tenantOf });
  if (!hasLocalExecutor()) await tx.query(`SELECT pg_notify('${WORK_CHANNEL}', '')`);
  return { ids, afterCommit: notifyWork };
}

const preparedNames = new Map<string, string>();
const preparedName = (text: string): string => {
  let name = preparedNames.get(text);
  if (!name) preparedNames.set(text, (name = `rt_row_event_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`));
  return name;
};

/**
 * The caller's row and the event about it in one statement (autocommit: no transaction to hold), see
 * `insertWithEventSql`; then this process's executor is woken (others by the NOTIFY in the statement).
 * Answers the rows of the caller's `INSERT ... RETURNING` (none: nothing was written, no event either).
 */
export async function insertRowWithEvent<T>(sql: Sql, deps: Pick<IngestDeps, "tenantOf">, insert: { text: string; values: unknown[] }, event: { id: string; name: string; data: Record<string, unknown> }): Promise<T[]> {
  const local = hasLocalExecutor();
  const statement = insertWithEventSql(insert.text, insert.values, event, { organizationId: deps.tenantOf?.(event) ?? null, wake: local ? null : WORK_CHANNEL });
  // A named (prepared) statement: parsed and planned once per connection, not per delivery.
  const rows = await preparedQuery<T>(sql, preparedName(statement.text), statement.text, statement.values);
  if (rows.length > 0 && local) notifyWork();
  return rows;
}

/**
 * Many rows of the caller and an event for each inserted one in one statement (`insertManyWithEventsSql`),
 * then this process's executor is woken. Answers the rows of the caller's `INSERT ... RETURNING`.
 */
export async function insertRowsWithEvents<T>(sql: Sql, deps: Pick<IngestDeps, "tenantOf">, insert: { text: string; values: unknown[] }, events: { key: string; id: string; name: string; data: Record<string, unknown> }[]): Promise<T[]> {
  const local = hasLocalExecutor();
  const statement = insertManyWithEventsSql(
    insert.text,
    insert.values,
    events.map((e) => ({ ...e, organizationId: deps.tenantOf?.(e) ?? null })),
    { wake: local ? null : WORK_CHANNEL },
  );
  const rows = await preparedQuery<T>(sql, preparedName(statement.text), statement.text, statement.values);
  if (rows.length > 0 && local) notifyWork();
  return rows;
}

/**
 * One POST to the event API. `body` reads and parses the request body (only once the key is
 * accepted); it throws `{ code: "payload_too_large" }` past MAX_EVENT_REQUEST_BYTES. Validation
 * names the event and field at fault.
 */
export async function receiveEvents(deps: IngestDeps, req: { key: string; seed?: string; body: () => Promise<unknown> }): Promise<EventApiAnswer> {
  if (!safeEqual(req.key, deps.eventKey)) return answer(401, { error: "Event key not found" });
  let parsed: unknown;
  try {
    parsed = await req.body();
  } catch (err) {
    return answer((err as { code?: string }).code === "payload_too_large" ? 413 : 400, { error: "Body must be a JSON event or array of events (max 3 MB)" });
  }
  const list = z
    .array(incomingEventSchema)
    .max(5_000)
    .safeParse(Array.isArray(parsed) ? parsed : [parsed]);
  if (!list.success) {
    const issue = list.error.issues[0];
    return answer(400, { error: `Invalid event at ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` });
  }
  for (const e of list.data) {
    if (e.name.startsWith("inngest/")) return answer(400, { error: `Event name "${e.name}" is reserved (inngest/ prefix)` });
    if (JSON.stringify(e).length > MAX_EVENT_BYTES) return answer(413, { error: `Event "${e.name}" is larger than 512 KB` });
  }
  return answer(200, { ids: await storeEvents(deps, list.data, req.seed) });
}

export const MAX_EVENT_REQUEST_BYTES = 3 * 1024 * 1024;
