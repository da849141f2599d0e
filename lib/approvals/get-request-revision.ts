import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** The piece revision an approval request was opened for (from its key "content:<pieceId>:r<n>"). */
export async function getRequestRevision(opts: { organizationId: string; approvalRequestId: string }): Promise<number> {
  const r = await db().approvalRequest.findFirst({ where: { id: opts.approvalRequestId, organizationId: opts.organizationId }, select: { idempotencyKey: true, preview: true } });
  if (!r) throw notFound("approvalRequest");
  const m = /:r(\d+)$/.exec(r.idempotencyKey);
  return m ? Number(m[1]) : ((r.preview as { revision?: number }).revision ?? 1);
}
