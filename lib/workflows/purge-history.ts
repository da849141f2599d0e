import "server-only";
import { sqlPool } from "@/lib/db/client";
import { purgeHistory } from "@/lib/runtime/admin";

/**
 * History retention for the embedded executor (sys-002, nightly): ended runs with their steps and
 * processed events older than `days`, and expired dedupe keys. Active runs are never touched.
 */
export async function purgeWorkflowHistory(opts: { days: number }): Promise<{ runs: number; events: number; keys: number }> {
  return purgeHistory(sqlPool(), opts.days);
}
