import { inngest } from "@/inngest/client";
import { ARCHIVED_TABLES, archiveOldRows, type ArchivedTable } from "@/lib/observability/archive";

/** Nightly 04:15 UTC: agent messages and live events older than 90 days move to storage as gzip JSON lines (lib/observability/archive.ts). */
export const sys003ArchiveRetention = inngest.createFunction(
  { id: "sys-003-archive-retention", name: "System: archive agent messages and live events older than 90 days", triggers: [{ cron: "TZ=UTC 15 4 * * *" }] },
  async ({ step }) => {
    const out: Record<string, { files: number; rows: number }> = {};
    // One step per table: a retry after a crash redoes only the table it was in (and archiving is idempotent).
    for (const table of Object.keys(ARCHIVED_TABLES) as ArchivedTable[]) out[table] = (await step.run(`archive-${table}`, () => archiveOldRows({ tables: [table] })))[table];
    return out;
  },
);
