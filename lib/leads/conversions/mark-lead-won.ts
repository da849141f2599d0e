import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { ConversionType } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { getLeadConversions } from "./get-lead-conversions";
import type { ConversionDto } from "./contracts";
import { toMinor } from "./money";
import { recordConversion } from "./record-conversion";

/** "Mark won" on the lead page: a manual conversion of `value` (major units) now, by this person. */
export async function markLeadWon(opts: {
  organizationId: string;
  leadId: string;
  value: number;
  currency: string;
  conversionType?: ConversionType;
  userId: string | null;
}): Promise<ConversionDto> {
  const lead = await db().lead.findFirst({ where: { id: opts.leadId, organizationId: opts.organizationId }, select: { id: true } });
  if (!lead) throw notFound("lead");
  const { conversionId } = await recordConversion({
    organizationId: opts.organizationId,
    leadId: lead.id,
    valueMinor: toMinor(opts.value, opts.currency),
    currency: opts.currency,
    type: opts.conversionType,
    externalId: `manual:${randomUUID()}`,
    occurredAt: new Date(),
    source: "manual",
    createdById: opts.userId,
  });
  const all = await getLeadConversions({ organizationId: opts.organizationId, leadId: lead.id });
  return all.find((c) => c.id === conversionId)!;
}
