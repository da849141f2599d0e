import "server-only";
import { db } from "@/lib/db/client";
import type { InsightStatus, InsightType } from "@/lib/db/generated/enums";

export type InsightUsedDto = { id: string; title: string; type: InsightType; status: InsightStatus; confidence: number };

/**
 * The MKT-404 insights a generated piece's prompt carried (`generationContext.insightIds`, written by
 * MKT-103; a network variant shows its master's), as they are now: label, type, confidence, status.
 * Insights deleted since are left out. Scoped to the organisation.
 */
export async function listInsightsUsed(opts: { organizationId: string; contentPieceId: string }): Promise<InsightUsedDto[]> {
  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: { generationContext: true, parent: { select: { generationContext: true } } },
  });
  if (!piece) return [];
  const idsOf = (ctx: unknown): string[] => {
    const ids = (ctx as { insightIds?: unknown } | null)?.insightIds;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
  };
  const ids = idsOf(piece.generationContext).length ? idsOf(piece.generationContext) : idsOf(piece.parent?.generationContext);
  if (ids.length === 0) return [];
  const rows = await db().learningInsight.findMany({
    where: { organizationId: opts.organizationId, id: { in: ids } },
    select: { id: true, title: true, description: true, type: true, status: true, confidence: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, title: r.title ?? r.description.slice(0, 120), type: r.type, status: r.status, confidence: r.confidence }] : [];
  });
}
