import { ARCHIVED_TABLES, restoreArchive, type ArchivedTable } from "../lib/observability/archive";
import { sqlPool } from "../lib/db/client";

/**
 * npm run archive:restore -- [--table agent_messages|live_events] [--from 2026-01-01] [--to 2026-02-01] [--key archive/...]
 * Puts archived rows back into their table from storage (rows still present are left as they are).
 */
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const table = arg("table");
if (table && !(table in ARCHIVED_TABLES)) {
  console.error(`--table must be one of ${Object.keys(ARCHIVED_TABLES).join(", ")}`);
  process.exit(2);
}
const date = (name: string) => {
  const v = arg(name);
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) {
    console.error(`--${name} must be a date (YYYY-MM-DD)`);
    process.exit(2);
  }
  return d;
};
const result = await restoreArchive({ table: table as ArchivedTable | undefined, from: date("from"), to: date("to"), key: arg("key") });
console.log(`restored ${result.rows} rows from ${result.files} archive files`);
await sqlPool().end();
