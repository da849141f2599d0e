import type { ApprovalDecisionType } from "@/lib/db/generated/enums";
import { isAppError } from "@/lib/errors";
import { decideApproval } from "./decide-approval";
import type { BulkDecisionResult } from "@/lib/approvals/contracts";
export type { BulkDecisionResult };

/** The queue's bulk action: each id decided on its own (one decision wins per request); already decided or foreign ids are reported, not fatal. */
export async function decideApprovalsBulk(opts: { organizationId: string; ids: string[]; decision: ApprovalDecisionType; note?: string; decidedById?: string | null; channel?: "IN_APP" | "API" }): Promise<BulkDecisionResult> {
  const out: BulkDecisionResult = { decided: [], conflicts: [], notFound: [] };
  for (const id of [...new Set(opts.ids)]) {
    try {
      await decideApproval({ organizationId: opts.organizationId, approvalRequestId: id, decision: opts.decision, note: opts.note, decidedById: opts.decidedById, channel: opts.channel ?? "IN_APP" });
      out.decided.push(id);
    } catch (err) {
      if (isAppError(err) && err.code === "conflict") out.conflicts.push(id);
      else if (isAppError(err) && err.code === "not_found") out.notFound.push(id);
      else throw err;
    }
  }
  return out;
}
