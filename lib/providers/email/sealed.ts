import "server-only";
import { decryptSecret, encryptSecret, type SecretContext } from "@/lib/crypto/token-cipher";
import { HIDDEN_LINK } from "./contracts";

/**
 * Issue 10, row 8: an email's bearer links (sign-in links, invitations, one-click approvals) are not
 * kept readable in outbox_emails. The row holds the message with each of them replaced by
 * HIDDEN_LINK (what Settings -> Outbox shows: "link hidden"), and the message as sent sealed with the
 * app's keys (AES-256-GCM, bound to the row): opened only for the recipient's own development mailbox
 * (/dev/mail) and by tests (`openSealedEmail`, tests/e2e/support/mailbox.ts).
 */
export type EmailBody = { html: string; text: string | null };

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `body` with every occurrence of each secret (as written, or HTML-escaped in the markup) hidden. */
export function hideSecrets(body: EmailBody, secrets: readonly string[]): EmailBody {
  const hide = (s: string) => [...secrets].filter(Boolean).sort((a, b) => b.length - a.length).reduce((out, secret) => out.split(escapeHtml(secret)).join(HIDDEN_LINK).split(secret).join(HIDDEN_LINK), s);
  return { html: hide(body.html), text: body.text === null ? null : hide(body.text) };
}

/** The envelope's context: one row, one column (a sealed body copied to another row fails to open). */
export function sealContext(row: { id: string; organizationId: string | null }): SecretContext {
  return { organizationId: row.organizationId ?? "none", recordId: row.id, field: "outbox_emails.sealed" };
}

export function sealEmail(row: { id: string; organizationId: string | null }, body: EmailBody): string {
  return encryptSecret(JSON.stringify({ html: body.html, text: body.text }), sealContext(row));
}

/** The message as sent: the sealed copy when the row has one, else the row's own body (it held no secret). */
export function openSealedEmail(row: { id: string; organizationId: string | null; sealed: string | null; html: string; text: string | null }): EmailBody {
  if (!row.sealed) return { html: row.html, text: row.text };
  return JSON.parse(decryptSecret(row.sealed, sealContext(row))) as EmailBody;
}
