export type EmailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Where replies go (nurture mail: the organisation's reply address, lib/leads/replies/reply-address.ts). */
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe for marketing mail. */
  headers?: Record<string, string>;
  organizationId?: string | null;
  /** transactional (sign-in, invitations) or marketing (nurturing): marketing mail needs unsubscribe headers. */
  category?: "transactional" | "marketing";
  /** Same key = same email: a retried step does not send twice. */
  idempotencyKey?: string;
  /**
   * Bearer links in html/text (sign-in links, invitations, one-click approvals): delivered as they are,
   * stored hidden in the outbox and sealed (lib/providers/email/sealed.ts).
   */
  secrets?: string[];
};

export type SentEmail = { id: string; provider: string; providerMessageId?: string };

/** An email someone sent us (a lead's reply), as the provider's receiving API returns it. */
export type InboundEmail = { id: string; from: string; to: string[]; subject: string; text: string | null; html: string | null; messageId: string | null; inReplyTo: string | null };

/**
 * An email vendor. `deliver` hands the message over; the outbox row is written by sendEmail().
 * `receivedEmail` reads an inbound email by the id its webhook carried (Resend `GET /emails/receiving/{id}`;
 * the outbox's offline inbox), or null when the provider does not know it.
 */
export interface EmailProvider {
  readonly name: "outbox" | "resend";
  deliver(msg: EmailMessage & { from: string }): Promise<{ providerMessageId?: string }>;
  receivedEmail(id: string): Promise<InboundEmail | null>;
}
