import { migrate } from "../lib/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required (the embedded database is migrated by `npm run dev` itself).");
  process.exit(2);
}
const res = await migrate(url, { log: (m) => console.log(m) });
console.log(`${res.applied.length} applied, ${res.total} total`);
