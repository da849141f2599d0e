import { z } from "zod";

export const DECISIONS = ["APPROVE", "REQUEST_CHANGES", "REJECT"] as const;
export type DecisionInput = (typeof DECISIONS)[number];

const note = z.string().trim().max(2000).optional();

/** "request changes" needs a note: it is the instruction the regeneration follows. */
function noteRequiredForChanges(v: { decision: DecisionInput; note?: string }, ctx: z.RefinementCtx) {
  if (v.decision === "REQUEST_CHANGES" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "A note is required when requesting changes" });
}

export const decisionSchema = z.object({ decision: z.enum(DECISIONS), note }).strict().superRefine(noteRequiredForChanges);

export const bulkDecisionSchema = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100), decision: z.enum(DECISIONS), note })
  .strict()
  .superRefine(noteRequiredForChanges);

export const listApprovalsQuerySchema = z
  .object({
    status: z.enum(["PENDING", "APPROVED", "CHANGES_REQUESTED", "REJECTED", "EXPIRED", "CANCELLED", "ALL"]).optional(),
    entityType: z.enum(["CONTENT_PIECE", "AD_CAMPAIGN"]).optional(),
  })
  .strict();

export const redeemTokenSchema = z.object({ token: z.string().min(10).max(1024), note }).strict();
