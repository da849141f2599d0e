import type { Db } from "@/lib/db/client";
import { now } from "./clock";
import { exec } from "./sql";

/**
 * History retention for the embedded executor's tables: ended runs (with their steps) and
 * processed events older than `days`, and expired dedupe keys. Active runs are never touched.
 */
export async function purgeRuntimeHistory(opts: { db: Db; days: number }): Promise<{ runs: number; events: number; keys: number }> {
  const before = new Date(now().getTime() - opts.days * 86_400_000);
  const runs = await exec(opts.db, `DELETE FROM runtime_runs WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED') AND "endedAt" < $1`, before);
  const events = await exec(opts.db, `DELETE FROM runtime_events WHERE "processedAt" IS NOT NULL AND "receivedAt" < $1`, before);
  const keys = await exec(opts.db, `DELETE FROM runtime_keys WHERE "expiresAt" < $1`, now());
  return { runs, events, keys };
}
