import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";

/** The outbox: every email the organisation sent (or would have sent without a provider). */

/**
 * What stands in the outbox for a bearer link (sign-in, invitation, one-click approval): the page shows
 * it as "link hidden" (issue 10, row 8; lib/providers/email/sealed.ts).
 */
export const HIDDEN_LINK = "[[link-hidden]]";

export const outboxEmailDto = z
  .object({
    id: z.string(),
    to: z.array(z.string()),
    subject: z.string(),
    status: z.string(),
    category: z.string(),
    provider: z.string().nullable(),
    createdAt: isoDateTime(),
    sentAt: isoDateTime().nullable(),
    text: z.string().nullable().meta({ description: "Bearer links (sign-in, invitation, one-click approval) read [[link-hidden]]" }),
    html: z.string(),
  })
  .meta({ id: "OutboxEmail" });
export type OutboxEmailDto = z.infer<typeof outboxEmailDto>;

export const listOutboxEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/outbox",
  tag: "Organisations",
  access: "org",
  permission: "manageMembers",
  summary: "The organisation's outbox (emails, newest first)",
  response: z.object({ emails: z.array(outboxEmailDto) }),
});
