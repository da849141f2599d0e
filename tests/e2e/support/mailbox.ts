import pg from "pg";
import { decryptSecret, parseKeyring } from "../../../lib/crypto/envelope";
import { e2eDb } from "./slot";

/**
 * The latest email sent to `to` by the app under test, as its recipient received it. The outbox row
 * shows bearer links hidden (issue 10, row 8); the message as sent is its sealed copy, opened here with
 * the keys tests/e2e/server.ts gave the app (the context is lib/providers/email/sealed.ts's).
 */
export async function latestEmailTo(to: string, timeoutMs = 15_000): Promise<{ subject: string; text: string }> {
  const { url, encryptionKeys } = e2eDb();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await client.query<{ id: string; organizationId: string | null; subject: string; text: string; sealed: string | null }>(
        `SELECT id, "organizationId", subject, text, sealed FROM outbox_emails WHERE $1 = ANY("toAddresses") ORDER BY "createdAt" DESC LIMIT 1`,
        [to],
      );
      const row = res.rows[0];
      if (row) {
        if (!row.sealed) return { subject: row.subject, text: row.text };
        const sent = JSON.parse(decryptSecret(row.sealed, { organizationId: row.organizationId ?? "none", recordId: row.id, field: "outbox_emails.sealed" }, parseKeyring(encryptionKeys))) as { text: string };
        return { subject: row.subject, text: sent.text };
      }
      if (Date.now() > deadline) throw new Error(`no email to ${to}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.end();
  }
}
