import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";

/** The outbox: every email the organisation sent (or would have sent without a provider). */

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
    text: z.string().nullable(),
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
