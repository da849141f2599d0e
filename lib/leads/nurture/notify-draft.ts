import "server-only";
import { db } from "@/lib/db/client";
import { notify, type NotificationMessage } from "@/lib/providers/notify";

export type NamedLead = { id: string; firstName: string | null; lastName: string | null; emailNormalized: string | null; phoneE164: string | null };
/** What leadName reads (a Prisma select). */
export const leadNameFields = { id: true, firstName: true, lastName: true, emailNormalized: true, phoneE164: true } as const;

/** How a lead is named in notifications: its name, else its address or number. */
export function leadName(lead: NamedLead): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.emailNormalized || lead.phoneE164 || lead.id;
}

/**
 * An AI-written message waits for a yes: the people who may give it (owners, admins, editors) hear of it,
 * with a link to the lead's page, once per message (the dedupe key: a retried step notifies once).
 */
export async function notifyDraftApprovers(opts: { organizationId: string; leadId: string; type: string; message: NotificationMessage; dedupeKey: string }): Promise<void> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { slug: true } });
  await notify({ organizationId: opts.organizationId, to: { roles: ["OWNER", "ADMIN", "EDITOR"] }, type: opts.type, message: opts.message, actionUrl: `/${org.slug}/leads/${opts.leadId}`, dedupeKey: opts.dedupeKey });
}
