import { now as clockNow } from "./clock";
import { nextCronTime } from "./cron";
import { syncedFunctionSchema, toFunctionDef, type SyncedFunction } from "./functions";
import { hashStepId } from "./sdk-call";
import { exec, json, query, transaction, type Pool } from "./sql";

/**
 * In-band sync: `PUT <serve URL>` with `x-inngest-sync-kind: in_band` makes the SDK answer with its
 * function list (no register endpoint needed). The list replaces runtime_functions; cron
 * triggers get a schedule row (kept across syncs so a restart does not skip or repeat a tick).
 */
export type SyncResult = { appId: string; functions: { id: string; warnings: string[]; error?: string }[] };

export class SyncError extends Error {}

export async function fetchFunctionList(serveUrl: string, token?: string, timeoutMs = 30_000): Promise<{ appId: string; functions: unknown[] }> {
  let res: Response;
  try {
    res = await fetch(serveUrl, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "x-inngest-sync-kind": "in_band", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ url: serveUrl }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new SyncError(`Cannot reach the serve endpoint ${serveUrl}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (res.status !== 200) throw new SyncError(`Sync with ${serveUrl} answered ${res.status}: ${text.slice(0, 300)}`);
  let body: { app_id?: string; functions?: unknown[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new SyncError(`Sync with ${serveUrl} did not answer JSON (is it an Inngest serve endpoint?)`);
  }
  if (!Array.isArray(body.functions)) throw new SyncError(`Sync with ${serveUrl}: no function list in the answer (in-band sync disabled?)`);
  return { appId: body.app_id ?? "app", functions: body.functions };
}

export async function syncFunctions(db: Pool, serveUrl: string, token?: string): Promise<SyncResult> {
  const list = await fetchFunctionList(serveUrl, token);
  const now = clockNow();
  const result: SyncResult = { appId: list.appId, functions: [] };
  const valid: { raw: SyncedFunction; warnings: string[]; crons: string[] }[] = [];
  const ids = new Set(list.functions.map((f) => (f as { id?: string })?.id).filter((id): id is string => typeof id === "string"));
  for (const item of list.functions) {
    const parsed = syncedFunctionSchema.safeParse(item);
    const id = (item as { id?: string })?.id ?? "?";
    if (!parsed.success) {
      result.functions.push({ id, warnings: [], error: `Unreadable config: ${parsed.error.issues[0]?.message}` });
      continue;
    }
    try {
      const def = toFunctionDef(parsed.data, ids);
      valid.push({ raw: parsed.data, warnings: def.warnings, crons: def.triggers.flatMap((t) => ("cron" in t ? [t.cron] : [])) });
      result.functions.push({ id, warnings: def.warnings });
    } catch (err) {
      result.functions.push({ id, warnings: [], error: (err as Error).message });
    }
  }

  await transaction(db, async (tx) => {
    // One sync at a time across processes (several executors may start together).
    await exec(tx, `SELECT pg_advisory_xact_lock(hashtext('runtime:sync'))`);
    for (const { raw, warnings } of valid) {
      await query(
        tx,
        `INSERT INTO runtime_functions (id, "appId", name, url, config, warnings, "syncedAt", "removedAt")
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::text[], $7, NULL)
         ON CONFLICT (id) DO UPDATE SET "appId" = EXCLUDED."appId", name = EXCLUDED.name, url = EXCLUDED.url,
           config = EXCLUDED.config, warnings = EXCLUDED.warnings, "syncedAt" = EXCLUDED."syncedAt", "removedAt" = NULL`,
        raw.id,
        list.appId,
        raw.name ?? raw.id,
        Object.values(raw.steps)[0]!.runtime.url,
        json(raw),
        warnings,
        now,
      );
    }
    const ids = valid.map((v) => v.raw.id);
    await query(
      tx,
      `UPDATE runtime_functions SET "removedAt" = $2 WHERE "appId" = $3 AND "removedAt" IS NULL AND NOT (id = ANY($1::text[]))`,
      ids,
      now,
      list.appId,
    );

    const wanted = valid.flatMap((v) => v.crons.map((cron) => ({ fn: v.raw.id, cron })));
    for (const { fn, cron } of wanted) {
      await query(
        tx,
        `INSERT INTO runtime_schedules (id, "functionId", cron, "nextAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ("functionId", cron) DO NOTHING`,
        hashStepId(`${fn}|${cron}`),
        fn,
        cron,
        nextCronTime(cron, now),
        now,
      );
    }
    await query(
      tx,
      `DELETE FROM runtime_schedules s WHERE NOT EXISTS (
         SELECT 1 FROM unnest($1::text[], $2::text[]) AS w(fn, cron) WHERE w.fn = s."functionId" AND w.cron = s.cron)`,
      wanted.map((w) => w.fn),
      wanted.map((w) => w.cron),
    );
  });
  return result;
}
