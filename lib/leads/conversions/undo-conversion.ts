import "server-only";
import { db } from "@/lib/db/client";
import type { LeadStatus } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import { applyCounters } from "./record-conversion";

/**
 * Undo a manual conversion ("Mark won" by mistake): in one transaction with the lead locked, the
 * campaigns' and content pieces' counters are taken back, the conversion and its credits deleted, and
 * the lead returns to the stage it had before (or stays CONVERTED with the value of its other
 * conversions). Sequences it stopped stay stopped. A conversion a sender reported is not undone here.
 */
export async function undoConversion(opts: { organizationId: string; leadId: string; conversionId: string }): Promise<{ status: LeadStatus }> {
  const { organizationId, leadId } = opts;
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM leads WHERE id = ${leadId} AND "organizationId" = ${organizationId} FOR UPDATE`;
    if (!locked[0]) throw notFound("lead");
    const c = await tx.conversion.findFirst({
      where: { id: opts.conversionId, organizationId, leadId },
      include: { touches: { select: { campaignId: true, contentPieceId: true, creditedValueMinor: true } } },
    });
    if (!c) throw notFound("conversion");
    if (c.source !== "manual") throw new AppError("conflict", "leads.conversionUndoManual", { field: "conversionId" });
    await applyCounters(tx, c.touches, -1);
    await tx.conversion.delete({ where: { id: c.id } });
    const rest = await tx.conversion.aggregate({
      where: { organizationId, leadId },
      _sum: { valueMinor: true },
      _min: { occurredAt: true },
      _count: { _all: true },
    });
    const status: LeadStatus = rest._count._all > 0 ? "CONVERTED" : (c.previousLeadStatus ?? "OPPORTUNITY");
    await tx.lead.update({ where: { id: leadId }, data: { status, convertedAt: rest._min.occurredAt, conversionValueMinor: rest._sum.valueMinor } });
    await publishLiveEvent(tx, { organizationId, type: "lead.converted", payload: { leadId, conversionId: c.id, undone: true } });
    return { status };
  });
}
