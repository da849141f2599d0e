import type { EmailProvider } from "./types";

/**
 * Embedded default: nothing leaves the machine. The message stays in the outbox table, where the
 * Outbox page (Settings -> Outbox) shows it, with working links (magic links, invitations).
 */
export const outboxProvider: EmailProvider = {
  name: "outbox",
  async deliver() {
    return {};
  },
};
