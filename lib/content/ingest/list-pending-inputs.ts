import "server-only";
import { db } from "@/lib/db/client";
import { agentNotInactive } from "@/lib/agents/active-filter";

export type PendingInput = { organizationId: string; inputId: string; brandId: string };

/**
 * For the 09:00 pick-up (MKT-101): inputs never processed (PENDING: event not delivered, or created
 * by another agent) and inputs stuck in PROCESSING for more than `staleHours`. All organisations.
 */
export async function listPendingInputs(opts: { now?: Date; staleHours?: number; take?: number } = {}): Promise<PendingInput[]> {
  const now = opts.now ?? new Date();
  const stale = new Date(now.getTime() - (opts.staleHours ?? 6) * 3_600_000);
  const rows = await db().contentInput.findMany({
    where: { OR: [{ status: "PENDING" }, { status: "PROCESSING", updatedAt: { lt: stale } }], createdAt: { lte: now }, organization: agentNotInactive("MKT-101") },
    orderBy: { createdAt: "asc" },
    take: Math.min(opts.take ?? 500, 1000),
    select: { id: true, organizationId: true, brandId: true },
  });
  return rows.map((r) => ({ organizationId: r.organizationId, inputId: r.id, brandId: r.brandId }));
}
