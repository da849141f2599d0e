import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { MessageChannel } from "@/lib/db/generated/enums";

type Reader = Pick<Prisma.TransactionClient, "suppression">;

/**
 * Whether the suppression list holds this lead on `channel` (or on any channel when omitted): by the lead
 * itself or by its address (an address suppressed before the lead existed, or under another lead).
 */
export async function isSuppressed(tx: Reader, opts: { organizationId: string; lead: { id: string; emailNormalized: string | null; phoneE164: string | null }; channel?: MessageChannel }): Promise<boolean> {
  const { lead } = opts;
  const byAddress: Prisma.SuppressionWhereInput[] = [];
  if (lead.emailNormalized && opts.channel !== "WHATSAPP") byAddress.push({ channel: "EMAIL", address: lead.emailNormalized });
  if (lead.phoneE164 && opts.channel !== "EMAIL") byAddress.push({ channel: "WHATSAPP", address: lead.phoneE164 });
  const n = await tx.suppression.count({
    where: { organizationId: opts.organizationId, OR: [{ leadId: lead.id, ...(opts.channel ? { channel: opts.channel } : {}) }, ...byAddress] },
  });
  return n > 0;
}
