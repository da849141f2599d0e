import "server-only";
import { readInboundEmail } from "./offline-inbox";
import type { EmailProvider } from "./types";

/**
 * Embedded default: nothing leaves the machine. The message stays in the outbox table, where the
 * Outbox page (Settings -> Outbox) shows it, with working links (magic links, invitations). Replies
 * come from the offline inbox (offline-inbox.ts: "Simulate a reply" on a lead's page), read by id as
 * Resend's receiving API would be.
 */
export const outboxProvider: EmailProvider = {
  name: "outbox",
  async deliver() {
    return {};
  },
  receivedEmail: readInboundEmail,
};
