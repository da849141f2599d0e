import "server-only";
import { db } from "@/lib/db/client";
import { isAttributionModel } from "./attribution";
import type { ConversionDto } from "./contracts";

/** A lead's conversions, newest first, each with its credited touchpoints in time order (and what they credit). */
export async function getLeadConversions(opts: { organizationId: string; leadId: string }): Promise<ConversionDto[]> {
  const rows = await db().conversion.findMany({
    where: { organizationId: opts.organizationId, leadId: opts.leadId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    include: {
      touches: {
        orderBy: { position: "asc" },
        include: { campaign: { select: { id: true, name: true } }, contentPiece: { select: { id: true, title: true, body: true } } },
      },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    type: c.type,
    source: c.source === "manual" ? "manual" : "webhook",
    valueMinor: c.valueMinor,
    currency: c.currency,
    model: isAttributionModel(c.attributionModel) ? c.attributionModel : "linear",
    occurredAt: c.occurredAt.toISOString(),
    touches: c.touches.map((t) => ({
      id: t.id,
      position: t.position,
      type: t.type,
      channel: t.channel ? t.channel.toUpperCase() : null,
      occurredAt: t.occurredAt.toISOString(),
      weight: t.weight,
      creditedMinor: t.creditedValueMinor,
      campaign: t.campaign,
      contentPiece: t.contentPiece ? { id: t.contentPiece.id, title: t.contentPiece.title ?? t.contentPiece.body.slice(0, 80) } : null,
    })),
  }));
}
