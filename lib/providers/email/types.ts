export type EmailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
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

/** An email vendor. `deliver` hands the message over; the outbox row is written by sendEmail(). */
export interface EmailProvider {
  readonly name: "outbox" | "resend";
  deliver(msg: EmailMessage & { from: string }): Promise<{ providerMessageId?: string }>;
}
