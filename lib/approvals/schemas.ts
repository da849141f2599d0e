import { z } from "zod";
import { FIRST_COMMENT_MAX } from "@/lib/content/platform-rules";

export const DECISIONS = ["APPROVE", "REQUEST_CHANGES", "REJECT"] as const;
export type DecisionInput = (typeof DECISIONS)[number];

const note = z.string().trim().max(2000).optional();

/** "request changes" needs a note: it is the instruction the regeneration follows. */
function noteRequiredForChanges(v: { decision: DecisionInput; note?: string }, ctx: z.RefinementCtx) {
  if (v.decision === "REQUEST_CHANGES" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "validation.noteRequired" });
}

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS),
    note,
    /** The network versions shown to the decider; when one was edited since, 409 instead of deciding on unseen text. */
    revisionIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  })
  .strict()
  .superRefine(noteRequiredForChanges);

/** An inline edit of one network's version (a new revision of it). */
export const editRevisionSchema = z
  .object({
    text: z.string().max(70_000),
    firstComment: z.string().trim().max(FIRST_COMMENT_MAX).nullable().optional(),
    scheduledAt: z.iso.datetime({ offset: true }).optional(),
    mediaAssetIds: z.array(z.string().min(1).max(64)).max(35).optional(),
  })
  .strict();

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
