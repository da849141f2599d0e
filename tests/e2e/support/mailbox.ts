import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** The latest email sent to `to` by the app under test (the outbox is its mailbox). */
export async function latestEmailTo(to: string, timeoutMs = 15_000): Promise<{ subject: string; text: string }> {
  const { url } = JSON.parse(readFileSync(path.join("test-results", "e2e-db.json"), "utf8")) as { url: string };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await client.query<{ subject: string; text: string }>(
        `SELECT subject, text FROM outbox_emails WHERE $1 = ANY("toAddresses") ORDER BY "createdAt" DESC LIMIT 1`,
        [to],
      );
      if (res.rows[0]) return res.rows[0];
      if (Date.now() > deadline) throw new Error(`no email to ${to}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.end();
  }
}
